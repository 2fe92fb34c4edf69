"""The catalogue import wizard driven like a person: file, columns, preview, progress, diff."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget

from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.catalogues import read as catalogue_read
from extradesk.ui.dialogs import catalogue_import_dialog as wizard_module
from extradesk.ui.dialogs.catalogue_import_dialog import CatalogueImportDialog

HEADER = "Code;Désignation;Famille;Prix net;PPC;TVA\r\n"
FIRST = HEADER + ("W1245ER;Pompe de filtration 1 CV;Piscine;412,00;690,00;20\r\n"
                  "SK-88;Skimmer grande bouche;Piscine;189,00;310,00;20\r\n"
                  "BAD-1;Prix illisible;Piscine;douze;;20\r\n")
SECOND = HEADER + ("W1245ER;Pompe de filtration 1 CV;Piscine;430,00;720,00;20\r\n"
                   "PAC-9;Pompe à chaleur 9 kW;Chauffage;1 850,00;2 900,00;20\r\n")


def shot(widget, name: str) -> None:
    if os.environ.get("EXTRADESK_SHOTS"):
        widget.grab().save(f"{os.environ['EXTRADESK_SHOTS']}/{name}.png")


def start(qtbot, tasks, idle, path, supplier="Aqua Distribution") -> CatalogueImportDialog:
    dialog = CatalogueImportDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    idle()
    dialog.findChild(QComboBox, "supplier").setCurrentText(supplier)
    dialog.findChild(QLineEdit, "filePath").setText(str(path))
    shot(dialog, "import-1-file")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.FORMAT)
    return dialog


def test_import_then_reimport_with_the_remembered_columns(qtbot, ctx, tasks, idle, tmp_path):
    path = tmp_path / "aqua.csv"
    path.write_bytes(FIRST.encode("cp1252"))
    dialog = start(qtbot, tasks, idle, path)
    assert dialog.findChild(QComboBox, "encoding").currentText() == "Windows-1252"
    assert dialog.findChild(QComboBox, "delimiter").currentText() == "point-virgule (;)"
    assert dialog.findChild(QComboBox, "decimal").currentText() == "virgule (12,50)"
    ref = dialog.findChild(QComboBox, "column_ref")
    assert ref.currentText().startswith("Code")
    assert dialog.findChild(QComboBox, "column_purchase_price").currentText().startswith(
        "Prix net")
    shot(dialog, "import-2-columns")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW)
    table = dialog.findChild(QTableWidget, "previewTable")
    assert table.rowCount() == 3
    assert table.item(2, 1).text() == "Ligne 4 : prix d'achat « douze » n'est pas un nombre."
    shot(dialog, "import-3-preview")
    # All or nothing by default: the bad line refuses the file, nothing is imported.
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW)
    idle()
    assert catalogue.find(ctx, "w1245er") == []
    for box in [w for w in qtbot_boxes()]:
        box.close()
    dialog.findChild(QCheckBox, "skipBad").setChecked(True)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.DIFF, timeout=10_000)
    summary = dialog.findChild(QLabel, "diffSummary").text()
    assert "2 lignes lues. 1 ligne en erreur ignorée." in summary
    assert "Premier import : 2 lignes nouvelles." in summary
    assert catalogue.find(ctx, "w1245er") == []  # not applied yet
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.DONE)
    shot(dialog, "import-6-done")
    assert "importé : 2 lignes. Les" in dialog.findChild(QLabel, "doneText").text()
    assert len(catalogue.find(ctx, "w 1245-er")) == 1
    dialog.close()

    second = tmp_path / "aqua-2027.csv"
    second.write_bytes(SECOND.encode("cp1252"))
    again = start(qtbot, tasks, idle, second, supplier="aqua distribution")
    assert "Colonnes reprises du dernier import" in again.remembered_note.text()
    again.next.click()
    qtbot.waitUntil(lambda: again.stack.currentIndex() == wizard_module.PREVIEW)
    again.next.click()
    qtbot.waitUntil(lambda: again.stack.currentIndex() == wizard_module.DIFF, timeout=10_000)
    shot(again, "import-5-diff")
    assert ("1 nouvelle, 1 retirée, 1 prix en hausse, 0 prix en baisse, "
            "0 inchangée.") in again.findChild(QLabel, "diffSummary").text()
    diff = again.findChild(QTableWidget, "diffTable")
    rows = {(diff.item(r, 0).text(), diff.item(r, 1).text()) for r in range(diff.rowCount())}
    assert rows == {("Prix en hausse", "W1245ER"), ("Nouvelle", "PAC-9"),
                    ("Retirée", "SK-88")}
    again.findChild(QPushButton, "wizardClose").click()  # Abandonner
    idle()
    assert catalogue.find(ctx, "w1245er")[0].purchase_price == 412  # unchanged
    assert catalogue.find(ctx, "pac9") == []


def qtbot_boxes():
    from PySide6.QtWidgets import QApplication, QMessageBox

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.mark.parametrize("in_parts", [False, True])
def test_a_big_file_cancelled_midway_leaves_nothing_and_the_gui_answers(
        qtbot, ctx, tasks, idle, tmp_path, monkeypatch, in_parts):
    if in_parts:  # read by child processes, as files over PARALLEL_MIN_BYTES are
        monkeypatch.setattr(catalogue_read, "PARALLEL_MIN_BYTES", 0)
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("ref;libelle;prix\n")
        for i in range(300_000):
            f.write(f"R-{i};Article numéro {i};{i % 500},25\n")
    dialog = start(qtbot, tasks, idle, path)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=20_000)
    shot(dialog, "import-4-progress")
    dialog.findChild(QPushButton, "cancelImport").click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW,
                    timeout=30_000)
    boxes = qtbot_boxes()
    assert any("Import annulé" in b.text() for b in boxes)
    for box in boxes:
        box.close()
    idle()
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM catalogue_lines").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM catalogue_imports").scalar() == 0
    assert not list((ctx.db.sqlite_path.parent / "tmp").iterdir())  # no scratch file left
    dialog.close()


def test_the_wizard_opens_from_the_file_menu(qtbot, window):
    window.catalogue_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, CatalogueImportDialog)
                    and window.dialog.isVisible())
    dialog = window.dialog
    assert dialog.windowTitle() == "Importer un catalogue fournisseur"
    dialog.close()


def test_the_history_lists_every_import_and_filters_by_supplier(qtbot, ctx, window, idle,
                                                                 tmp_path):
    from extradesk.services.catalogues import importing as catalogue_import
    from extradesk.ui.dialogs.catalogue_history_dialog import CatalogueHistoryDialog

    window.catalogue_history_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, CatalogueHistoryDialog))
    idle()
    empty = window.dialog
    assert empty.findChild(QLabel, "historyEmpty").isVisible()
    empty.close()
    for supplier, name, content in (("Aqua Distribution", "aqua.csv", FIRST),
                                    ("Aqua Distribution", "aqua-2027.csv", SECOND),
                                    ("Piscines Pro", "pro.csv", SECOND)):
        path = tmp_path / name
        path.write_bytes(content.encode("cp1252"))
        catalogue_import.import_file(ctx, catalogue.supplier_by_name(ctx, supplier), path=path,
                                     skip_bad=True)
    window.catalogue_history_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, CatalogueHistoryDialog)
                    and window.dialog is not empty)
    dialog = window.dialog
    table = dialog.findChild(QTableWidget, "historyTable")
    qtbot.waitUntil(lambda: table.rowCount() == 3)
    shot(dialog, "import-7-history")
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    assert [r[1:4] for r in rows] == [["Piscines Pro", "pro.csv", "En service"],
                                      ["Aqua Distribution", "aqua-2027.csv", "En service"],
                                      ["Aqua Distribution", "aqua.csv", "Remplacé"]]
    assert rows[1][4:] == ["2", "0", "1", "1", "1", "0"]  # lines, skipped, new, removed, up
    assert rows[2][4:6] == ["2", "1"]  # the bad line of the first file was left out
    assert rows[0][0][2] == "/" and rows[0][0][-3] == ":"  # 28/11/2026 14:05
    dialog.findChild(QComboBox, "historySupplier").setCurrentText("Aqua Distribution")
    assert table.rowCount() == 2
    dialog.close()


def test_looking_at_a_file_then_cancelling_creates_no_supplier(qtbot, ctx, tasks, idle,
                                                               tmp_path):
    from extradesk.services import references

    path = tmp_path / "nouveau.csv"
    path.write_bytes(FIRST.encode("cp1252"))
    dialog = start(qtbot, tasks, idle, path, supplier="Fournisseur Tout Neuf")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW)
    dialog.findChild(QPushButton, "wizardClose").click()
    idle()
    assert "Fournisseur Tout Neuf" not in [i.label for i in references.list_items(ctx, "supplier")]
    # Importing for real creates it.
    dialog = start(qtbot, tasks, idle, path, supplier="Fournisseur Tout Neuf")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW)
    dialog.findChild(QCheckBox, "skipBad").setChecked(True)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.DIFF, timeout=10_000)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.DONE)
    assert [m.supplier for m in catalogue.find(ctx, "sk88")] == ["Fournisseur Tout Neuf"]
    dialog.close()


def test_a_utf16_file_is_read_and_a_refused_one_creates_no_supplier(qtbot, ctx, tasks, idle,
                                                                     tmp_path):
    from extradesk.services import references

    path = tmp_path / "unicode.txt"
    path.write_bytes(FIRST.replace(";", "\t").encode("utf-16"))
    dialog = start(qtbot, tasks, idle, path, supplier="Unicode Pro")
    assert dialog.findChild(QComboBox, "encoding").currentText() == "UTF-16"
    assert dialog.findChild(QComboBox, "delimiter").currentText() == "tabulation"
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.PREVIEW)
    table = dialog.findChild(QTableWidget, "previewTable")
    assert table.item(1, 2).text() == "Skimmer grande bouche"
    dialog.next.click()  # all or nothing: the bad line refuses the file
    qtbot.waitUntil(lambda: bool(qtbot_boxes()))
    for box in qtbot_boxes():
        box.close()
    idle()
    assert "Unicode Pro" not in [i.label for i in references.list_items(ctx, "supplier")]
    dialog.findChild(QCheckBox, "skipBad").setChecked(True)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.DIFF, timeout=10_000)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == wizard_module.DONE)
    assert [m.label for m in catalogue.find(ctx, "sk88")] == ["Skimmer grande bouche"]
    dialog.close()
