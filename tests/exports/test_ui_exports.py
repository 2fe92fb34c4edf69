"""The Exports page previews a report with its totals and saves it; a cancel writes nothing."""

from __future__ import annotations

import csv
import io
import threading

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from extradesk.ui.pages.exports_page import ExportsPage
from extradesk.ui.qt import guard_singleton_refcounts
from extradesk.ui.tasks import Tasks

guard_singleton_refcounts()


@pytest.fixture
def page(qtbot, ctx, scenario):
    tasks = Tasks(ctx)
    page = ExportsPage(tasks)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    page.start.setDate(QDate(2026, 11, 1))
    page.end.setDate(QDate(2026, 12, 31))
    yield page
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)
    tasks.shutdown(dispose=False)


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_preview_of_ca_par_journal_with_its_total(qtbot, page):
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.note.text() == "4 lignes.", timeout=10_000)
    cells = _cells(page.table)
    assert cells[0][:3] == ["Chantiers", "11/2026", "500,00\u00a0€"]
    assert cells[-1][0] == "Total" and cells[-1][2] == "1\u202f560,00\u00a0€"
    page.grab().save(str(page.tasks.ctx.db.sqlite_path.parent / "exports.png"))


def test_save_then_a_cancel_leaves_no_file(qtbot, page, tmp_path):
    target = tmp_path / "ca.csv"
    dialog = page.save_to(target)
    qtbot.waitUntil(lambda: "lignes écrites" in page.note.text(), timeout=10_000)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[-1][0] == "Total" and rows[-1][2] == "1560,00"
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # dismissed
    other = tmp_path / "annule.csv"
    gate = threading.Event()  # the worker busy: the cancel comes before the export runs
    page.tasks.run_in_db(lambda _ctx: gate.wait(10))
    dialog = page.save_to(other)
    dialog.findChild(QPushButton).click()  # "Annuler", as a person would
    gate.set()
    qtbot.waitUntil(lambda: page.tasks.pending == 0, timeout=10_000)
    assert not other.exists() and not list(tmp_path.glob(".extradesk-*"))


def _pick(page, title: str) -> None:
    items = page.reports.findItems(title, Qt.MatchFlag.MatchExactly)
    page.reports.setCurrentItem(items[0])


def test_the_accountants_views_and_the_commercial_filters(qtbot, page, tmp_path):
    assert not page.kind.isVisibleTo(page)  # the commercial export's own filters only
    _pick(page, "CA par famille")
    qtbot.waitUntil(lambda: page.note.text() == "3 lignes.", timeout=10_000)
    cells = _cells(page.table)
    assert cells[0][:2] == ["Entretien", "400,00\u00a0€"]
    assert cells[-1][:2] == ["Total", "1\u202f560,00\u00a0€"]
    _pick(page, "Export commercial")
    assert page.kind.isVisibleTo(page) and page.status.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.note.text() == "10 lignes.", timeout=10_000)
    page.kind.setCurrentIndex(page.kind.findData("avoir"))
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.note.text() == "1 ligne.", timeout=10_000)
    row = _cells(page.table)[0]
    assert row[1] == "Avoir" and row[3] == "BLANC" and row[11] == "-100,00\u00a0€"
    page.grab().save(str(tmp_path / "exports-commercial.png"))
    _pick(page, "Écritures comptables (FEC)")
    qtbot.waitUntil(lambda: page.note.text().endswith("lignes."), timeout=10_000)
    assert page.siren == "732829320"
    header = [page.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert header == ["JournalCode", "JournalLib", "EcritureNum"]
    target = tmp_path / "732829320FEC20261231.txt"
    page.save_to(target)
    qtbot.waitUntil(lambda: "lignes écrites" in page.note.text(), timeout=10_000)
    assert target.read_bytes().startswith(b"JournalCode\tJournalLib\t")


def test_the_fec_accounts_dialog_refuses_then_saves(qtbot, page, tmp_path):
    _pick(page, "Écritures comptables (FEC)")
    assert page.accounts_button.isVisibleTo(page)
    dialog = page.edit_accounts()
    qtbot.waitUntil(lambda: dialog.client_root.text() == "411", timeout=10_000)
    assert dialog.journals.text() == "BQ=512000, CA=530000"
    dialog.client_root.setText("41X")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "n'est pas un numéro de compte" in dialog.error.text(),
                    timeout=10_000)
    assert dialog.isVisible()
    dialog.grab().save(str(tmp_path / "fec-accounts.png"))
    dialog.client_root.setText("4111")
    dialog.journals.setText("CA=531000, BQ=512000")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.table.rowCount() > 0 and any(
        page.table.item(r, 4).text() == "531000" for r in range(page.table.rowCount())),
        timeout=10_000)
