"""The Core views the start-up path reads (models.tables) and the lazily loaded table modules.

The views must name real columns with the SQLModel tables' types; whatever walks the whole
schema (the generic merge, alembic) must see every table even in a process that has not
used them yet.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from extradesk import models
from extradesk.models import tables
from extradesk.services import references


@pytest.mark.parametrize("view", [tables.clients, tables.users, tables.user_preferences,
                                  tables.client_statuses], ids=lambda v: v.name)
def test_each_core_view_names_real_columns_with_their_types(view):
    real = models.load_all().tables[view.name]
    for column in view.c:
        assert column.key in real.c, f"{view.name}.{column.key} is not a column"
        assert column.type._type_affinity is real.c[column.key].type._type_affinity, column.key


def test_every_reference_list_names_its_model_and_table():
    for list_name, (class_name, table_name) in references.LISTS.items():
        model = getattr(models, class_name)
        assert model.__tablename__ == table_name, list_name
        view = references._view(list_name)
        assert {c.key for c in view.c} <= set(model.__table__.c.keys())


def test_the_package_exports_every_table_class_and_every_table_is_one():
    assert set(models.__all__) == {"load_all", "metadata", *models._MODULE_OF}
    classes = {name: getattr(models, name) for name in models._MODULE_OF}
    assert {c.__tablename__ for c in classes.values()} == set(models.load_all().tables)


def test_an_unknown_name_is_not_a_model():
    with pytest.raises(AttributeError):
        models.Nothing  # noqa: B018


def fresh_process(code: str):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def test_the_merge_walk_sees_tables_nobody_imported_yet():
    """A supplier is referenced by articles and catalogue imports: a fresh process that only
    imported services.references must still find those columns before merging."""
    code = ("import json, sys; from extradesk.services import references as r; "
            "loaded = 'extradesk.models.catalogue' in sys.modules; "
            "cols = sorted(f'{c.table.name}.{c.name}' "
            "for c in r._referencing_columns(r._table('supplier'))); "
            "print(json.dumps([loaded, cols]))")
    loaded_first, columns = fresh_process(code)
    expected = sorted(f"{c.table.name}.{c.name}" for c in
                      references._referencing_columns(references._table("supplier")))
    assert not loaded_first  # the walk itself loaded the catalogue tables
    assert columns == expected
    assert {"articles.supplier_id", "catalogue_imports.supplier_id"} <= set(columns)


@pytest.mark.sqlite_only
def test_alembic_sees_every_table_of_a_database_at_head(ctx, db_path):
    """migrations/env.py takes `models.metadata`: in a fresh process it holds every table."""
    code = "import json; from extradesk.models import metadata; print(json.dumps(sorted(metadata.tables)))"
    in_metadata = fresh_process(code)
    with sqlite3.connect(db_path) as conn:
        in_database = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " AND name NOT LIKE '%fts%' AND name != 'alembic_version'")}
    assert set(in_metadata) == in_database
