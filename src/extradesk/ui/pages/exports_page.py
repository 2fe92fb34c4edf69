"""The Exports tab: pick a report and a period, preview its first rows and totals, save it as
CSV (French Excel) or xlsx."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.i18n.exports import TITLES
from extradesk.i18n.messages import text
from extradesk.ui.ops import exports as exports_ops
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.progress import run_with_progress

NAME_ROLE = Qt.ItemDataRole.UserRole


def _shown(kind: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt.money(value) if kind == "money" else fmt.decimal(value, 1)
    if isinstance(value, date):
        return fmt.day(value)
    if kind == "month" and isinstance(value, str) and len(value) == 7:
        return f"{value[5:]}/{value[:4]}"
    if isinstance(value, int):
        return fmt.integer(value)
    return str(value)


class ExportsPage(QWidget):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportsPage")
        self.tasks = tasks
        self.reports = QListWidget()
        self.reports.setObjectName("exportList")
        self.reports.setMaximumWidth(260)
        for name, title in TITLES.items():
            self.reports.addItem(title)
            self.reports.item(self.reports.count() - 1).setData(NAME_ROLE, name)
        today = date.today()
        self.start = self._date_edit("exportFrom", QDate(today.year, 1, 1))
        self.end = self._date_edit("exportTo", QDate(today.year, today.month, today.day))
        self.journal = QComboBox()
        self.journal.setObjectName("exportJournal")
        self.journal.addItem("Tous les journaux", None)
        # The commercial export's own filters, shown with it only.
        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        self.kind.addItem("Tous les types", None)
        for kind in DocumentKind:
            self.kind.addItem(text(f"document.kind.{kind.value}"), kind.value)
        self.status = QComboBox()
        self.status.setObjectName("exportStatus")
        self.status.addItem("Tous les états", None)
        for status in Status:
            self.status.addItem(text(f"document.status.{status.value}"), status.value)
        self.siren: str | None = None
        self.preview_button = QPushButton("Aperçu")
        self.preview_button.setObjectName("exportPreview")
        self.save_button = primary(QPushButton("Enregistrer…"))
        self.save_button.setObjectName("exportSave")
        self.accounts_button = QPushButton("Comptes du FEC…")
        self.accounts_button.setObjectName("exportFecAccounts")
        self.table = QTableWidget()
        self.table.setObjectName("exportTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.note = label("", "exportNote")
        self.note.setWordWrap(True)
        filters = QHBoxLayout()
        for widget in (QLabel("Du"), self.start, QLabel("au"), self.end, self.journal,
                       self.kind, self.status):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.accounts_button)
        filters.addWidget(self.preview_button)
        filters.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(filters)
        right.addWidget(self.table, 1)
        right.addWidget(self.note)
        layout = QHBoxLayout(self)
        layout.addWidget(self.reports)
        layout.addLayout(right, 1)
        self.reports.setCurrentRow(0)
        self.reports.currentRowChanged.connect(lambda _row: self._report_changed())
        self._report_changed(refresh=False)
        self.preview_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.ask_file)
        self.accounts_button.clicked.connect(self.edit_accounts)
        self._shown_once = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Nothing is read before the tab is first shown (not at start-up)."""
        super().showEvent(event)
        if not self._shown_once and self.tasks.ctx is not None:
            self._shown_once = True
            references_ops.list_items(self.tasks, self, list_name="journal",
                                      on_done=self._journals)
            exports_ops.fec_siren(self.tasks, self, on_done=self._got_siren)
            self.refresh()

    def _report_changed(self, *, refresh: bool = True) -> None:
        item = self.reports.currentItem()
        commercial = item is not None and item.data(NAME_ROLE) == "commercial"
        self.kind.setVisible(commercial)
        self.status.setVisible(commercial)
        self.accounts_button.setVisible(item is not None and item.data(NAME_ROLE) == "fec")
        if refresh:
            self.refresh()

    def edit_accounts(self):
        """The FEC's account numbers; the preview follows them once saved."""
        from extradesk.ui.dialogs.fec_accounts_dialog import FecAccountsDialog

        dialog = FecAccountsDialog(self.tasks, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def _date_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _journals(self, items) -> None:
        for item in items:
            if item.active:
                self.journal.addItem(item.label, item.id)

    def _got_siren(self, siren: str | None) -> None:
        self.siren = siren

    def _query(self) -> dict:
        start, end = self.start.date(), self.end.date()
        name = self.reports.currentItem().data(NAME_ROLE)
        commercial = name == "commercial"
        kind, status = self.kind.currentData(), self.status.currentData()
        return {"name": name,
                "start": date(start.year(), start.month(), start.day()),
                "end": date(end.year(), end.month(), end.day()),
                "journal_id": self.journal.currentData(),
                "kinds": (kind,) if commercial and kind else (),
                "statuses": (status,) if commercial and status else ()}

    def refresh(self) -> None:
        if self.reports.currentItem() is None or self.tasks.ctx is None:
            return
        self.note.setText("Calcul en cours…")
        exports_ops.preview(self.tasks, self, **self._query(), on_done=self._show,
                            on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        from extradesk.ui import errors

        self.table.setRowCount(0)
        self.note.setText(errors.describe(error))

    def _show(self, result) -> None:
        header, kinds, rows, total, count, notes = result
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        shown = rows + ([total] if total is not None else [])
        self.table.setRowCount(len(shown))
        for r, row in enumerate(shown):
            for c, (kind, value) in enumerate(zip(kinds, row, strict=True)):
                item = QTableWidgetItem(_shown(kind, value))
                if kind in ("money", "count", "percent"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if total is not None and r == len(shown) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        said = [text(n) for n in notes]
        if count > len(rows):
            said.append(f"Aperçu des {fmt.integer(len(rows))} premières lignes sur "
                        f"{fmt.integer(count)}.")
        else:
            said.append(fmt.count(count, "ligne", "lignes") + ".")
        self.note.setText(" ".join(said))

    def ask_file(self) -> None:
        if self.reports.currentItem() is None:
            return
        name = self.reports.currentItem().data(NAME_ROLE)
        if name == "fec":  # the name the tax office expects: {SIREN}FEC{AAAAMMJJ}.txt
            end = self.end.date()
            suggested = f"{self.siren or 'SIREN'}FEC{end.toString('yyyyMMdd')}.txt"
            kinds = "Fichier des écritures comptables (*.txt);;Classeur Excel (*.xlsx)"
        else:
            suggested, kinds = f"{name}.csv", "CSV pour Excel (*.csv);;Classeur Excel (*.xlsx)"
        path, _filter = QFileDialog.getSaveFileName(self, "Enregistrer l'export", suggested,
                                                    kinds)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path):
        query = self._query()

        def done(count: int) -> None:
            self.note.setText(f"{TITLES[query['name']]} : "
                              f"{fmt.count(count, 'ligne écrite', 'lignes écrites')} dans "
                              f"{path}.")

        return run_with_progress(self, self.tasks, exports_ops.save, done,
                                 title="Export", label=f"{TITLES[query['name']]}…",
                                 cancellable=True, path=path, **query)
