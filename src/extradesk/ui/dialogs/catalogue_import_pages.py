"""The pieces of the catalogue import wizard: its combos and tables, the jobs it sends to the
worker, and how each step shows their results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from extradesk.i18n import format as fmt
from extradesk.services.catalogues.parse import (
    DECIMAL_NAMES,
    DELIMITER_NAMES,
    ENCODING_NAMES,
    CatalogueRow,
    FileFormat,
)

TITLES = ("1. Fichier et fournisseur", "2. Format et colonnes", "3. Aperçu des premières lignes",
          "4. Lecture du catalogue", "5. Ce qui change", "Terminé")
ENCODINGS = list(ENCODING_NAMES.items())
DELIMITERS = list(DELIMITER_NAMES.items())
DECIMALS = list(DECIMAL_NAMES.items())
PREVIEW_COLUMNS = ("Ligne", "Référence", "Désignation", "Famille", "Sous-famille", "Unité",
                   "Prix d'achat", "Prix public", "TVA")
DIFF_COLUMNS = ("Changement", "Référence", "Désignation", "Ancien prix", "Nouveau prix")
KIND_NAMES = {"added": "Nouvelle", "removed": "Retirée", "price_up": "Prix en hausse",
              "price_down": "Prix en baisse"}
ERROR_BACKGROUND = QColor("#fde7e9")


def combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
    widget = QComboBox()
    widget.setObjectName(name)
    for value, text in items:
        widget.addItem(text, value)
    return widget


def _table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def preview_table() -> QTableWidget:
    return _table("previewTable", PREVIEW_COLUMNS)


def diff_table() -> QTableWidget:
    return _table("diffTable", DIFF_COLUMNS)


def _set_row(table: QTableWidget, row: int, values, *, error: bool = False,
             right: tuple[int, ...] = ()) -> None:
    for col, value in enumerate(values):
        item = QTableWidgetItem("" if value is None else str(value))
        if col in right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if error:
            item.setBackground(ERROR_BACKGROUND)
        table.setItem(row, col, item)


def _money(value) -> str:
    return "" if value is None else fmt.money(value)


# -- jobs (run on the database worker) --------------------------------------------------------

# -- showing results ---------------------------------------------------------------------------

def imposed_format(dialog) -> dict:
    return {"encoding": dialog.encoding.currentData(), "delimiter": dialog.delimiter.currentData(),
            "has_header": dialog.has_header.isChecked()}


def chosen_format(dialog) -> FileFormat:
    return FileFormat(dialog.encoding.currentData(), dialog.delimiter.currentData(),
                      dialog.decimal.currentData(), dialog.has_header.isChecked())


def _select(widget: QComboBox, value) -> None:
    widget.setCurrentIndex(max(widget.findData(value), 0))


def show_format(dialog, sniffed, remembered, guessed, keep_columns: bool) -> None:
    f = sniffed.format
    _select(dialog.encoding, f.encoding)
    _select(dialog.delimiter, f.delimiter)
    _select(dialog.decimal, f.decimal)
    dialog.has_header.setChecked(f.has_header)
    previous = dialog.mapping() if keep_columns else None
    chosen = previous if previous else remembered if remembered else guessed
    for field, widget in dialog.columns.items():
        widget.clear()
        widget.addItem("(aucune)", None)
        for index, header in enumerate(sniffed.headers):
            sample = next((r[index] for r in sniffed.sample if index < len(r) and r[index]), "")
            widget.addItem(f"{header} — {sample[:24]}" if sample else header, index)
        _select(widget, chosen.get(field))
    dialog.remembered_note.setText(
        "Colonnes reprises du dernier import de ce fournisseur." if remembered and
        chosen is remembered else "Colonnes devinées d'après les titres : vérifiez-les.")


def show_preview(dialog, items) -> None:
    table = dialog.preview
    table.clearSpans()
    table.setRowCount(0)
    table.setRowCount(len(items))
    bad = 0
    from extradesk.i18n.messages import problem_text

    for row, item in enumerate(items):
        if isinstance(item, CatalogueRow):
            vat = "" if item.vat_rate is None else f"{fmt.decimal(item.vat_rate, 1)} %"
            _set_row(table, row, (item.line, item.ref, item.label, item.family,
                                  item.sub_family, item.unit, _money(item.purchase_price),
                                  _money(item.public_price), vat), right=(0, 6, 7, 8))
        else:  # the reason spans the row: it is what the user must read
            bad += 1
            _set_row(table, row, (item.params.get("line"), problem_text(item)), error=True,
                     right=(0,))
            table.setSpan(row, 1, 1, len(PREVIEW_COLUMNS) - 1)
    for col in (0, 1, 3, 4, 5, 6, 7, 8):
        table.resizeColumnToContents(col)
    shown = len(items)
    dialog.preview_note.setText(
        f"Les {shown} premières lignes telles qu'elles seront importées"
        + (f" ; {bad} en erreur (en rouge)." if bad else " ; aucune erreur."))


def show_diff(dialog, staged) -> None:
    from extradesk.i18n.catalogue_messages import diff_summary
    from extradesk.i18n.messages import problem_text

    d = staged.diff
    skipped = " " + fmt.count(staged.skipped, "ligne en erreur ignorée",
                               "lignes en erreur ignorées") + "." if staged.skipped else ""
    dialog.diff_text.setText(
        fmt.count(staged.lines, "ligne lue", "lignes lues") + f".{skipped}\n"
        + diff_summary(added=d.added, removed=d.removed, price_up=d.price_up,
                       price_down=d.price_down, unchanged=d.unchanged)
        + "\nRien n'est encore modifié : « Appliquer » met ce catalogue en service.")
    table = dialog.diff_table
    table.setRowCount(len(d.examples))
    for row, e in enumerate(d.examples):
        _set_row(table, row, (KIND_NAMES[e.kind], e.ref, e.label, _money(e.old_price),
                              _money(e.new_price)), right=(3, 4))
    for col in (0, 1, 3, 4):
        table.resizeColumnToContents(col)
    table.setVisible(bool(d.examples))
    dialog.problems.setText("\n".join(problem_text(p) for p in staged.problems[:10]))
