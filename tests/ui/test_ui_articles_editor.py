"""The document editor adds a known article's line from its code, typed in any case."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from ui_helpers import add_client, type_text

from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.documents import drafts as documents
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.editor import open_editor


def open_cells(editor) -> list[QLineEdit]:
    return [w for w in editor.tree.viewport().findChildren(QLineEdit, "cellEditor")
            if w.isVisible()]


def test_a_known_code_adds_the_article_an_unknown_one_a_free_line(qtbot, ctx, tasks, idle):
    articles.create_article(ctx, ArticleInput(
        code="W1245ER", label="Pompe de filtration 1 CV", unit="u", sale_price="690",
        vat_rate="5,5", description="Débit 14 m³/h"))
    quote, _ = documents.create_quote(ctx, add_client(ctx, last_name="Dupont"))
    editor = open_editor(tasks, quote)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        for code in ("w1245er", "INCONNU-1"):
            type_text(qtbot, editor.lines.code, code)
            qtbot.keyClick(editor.lines.code, Qt.Key.Key_Return)
            idle()
            # The new line opens its designation for typing; Escape leaves it as it is.
            qtbot.waitUntil(lambda: bool(open_cells(editor)))
            qtbot.keyClick(open_cells(editor)[-1], Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda: editor.tasks.pending == 0 and editor._pending is None)
        qtbot.waitUntil(lambda: len(editor.detail.lines) == 2)
        known, free = editor.detail.lines
        assert (known.code, known.label, known.description, known.unit, known.unit_price,
                known.vat_rate, known.net) == (
            "W1245ER", "Pompe de filtration 1 CV", "Débit 14 m³/h", "u", Decimal("690"),
            Decimal("5.5"), Decimal("690.00"))
        assert (free.code, free.label, free.unit_price) == ("INCONNU-1", "INCONNU-1",
                                                           Decimal("0"))
        assert editor.lines.code.text() == ""
    finally:
        for opened in list(editor_module._open.values()):
            opened.close()
