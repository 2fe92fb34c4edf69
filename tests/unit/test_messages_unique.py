"""French texts are gathered from several dict literals and modules: a key written twice with
another text silently replaces the first one (it happened: a second "date.invalid" dropped the
field name from every date error)."""

import ast
import re
from collections import defaultdict
from pathlib import Path

import extradesk.i18n as i18n

FOLDER = Path(i18n.__file__).parent
TABLES = {"MESSAGES", "FIELD_LABELS"}  # merged into the tables of the same name in messages.py


def _tables(tree: ast.AST):
    """(table name, dict literal) for `T = {...}`, `T: … = {...}` and `T.update({...})`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in TABLES:
                    yield target.id, node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "update" and isinstance(node.func.value, ast.Name)
              and node.func.value.id in TABLES and node.args
              and isinstance(node.args[0], ast.Dict)):
            yield node.func.value.id, node.args[0]


def test_no_message_or_label_is_given_two_different_texts():
    texts = defaultdict(set)
    for path in sorted(FOLDER.glob("*.py")):
        for table, literal in _tables(ast.parse(path.read_text(encoding="utf-8"))):
            for key, value in zip(literal.keys, literal.values, strict=True):
                if isinstance(key, ast.Constant):
                    texts[table, key.value].add(ast.unparse(value))
    assert {key: sorted(v) for key, v in texts.items() if len(v) > 1} == {}


SERVICES = FOLDER.parent / "services"
FRENCH = re.compile(r"[àâäéèêëîïôöùûüçœÀÂÉÈÊÎÔÙÛÇ€«»]")


def test_services_hold_no_french_text():
    """Services return ids, enums and message ids; what a user reads comes from i18n (the
    demo data set aside: its names, addresses and quotes are French by nature)."""
    found = []
    for path in sorted(SERVICES.rglob("*.py")):
        if "demo" in path.relative_to(SERVICES).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                                    | ast.AsyncFunctionDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [f"{path.relative_to(SERVICES)}:{node.lineno} {node.value!r}"
                  for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and FRENCH.search(node.value)]
    assert found == []
