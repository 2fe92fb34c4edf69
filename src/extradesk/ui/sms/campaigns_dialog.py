"""« Campagnes SMS »: the latest campaigns with their report (sent, failed, opted out,
waiting, cost of what left), refreshed as the outbox sends; « Nouvelle campagne… » opens
the composer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.ui.ops import sms_campaigns as campaign_ops
from extradesk.ui.sms.campaign_dialog import when
from extradesk.ui.style import label, primary

COLUMNS = ("Campagne", "Départ", "Destinataires", "Envoyés", "Échecs", "Désinscrits (STOP)",
           "En attente", "Coût")


class CampaignsDialog(QDialog):
    def __init__(self, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsDialog")
        self.setWindowTitle("Campagnes SMS")
        self.resize(900, 420)
        self.tasks = tasks
        self.heading = label("Chargement…", "hint")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("campaignsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.new_button = primary(QPushButton("Nouvelle campagne…"))
        self.new_button.setObjectName("campaignsNew")
        buttons = QDialogButtonBox()
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.new_button.clicked.connect(self.compose)
        tasks.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        campaign_ops.list_campaigns(self.tasks, self, on_done=self._loaded)

    def _changed(self, changes) -> None:
        if changes.outbox or changes.everything:
            self.reload()

    def _loaded(self, reports: list) -> None:
        self.heading.setText(fmt.count(len(reports), "campagne", "campagnes") if reports
                             else "Aucune campagne SMS pour l'instant.")
        self.table.setRowCount(len(reports))
        for row, r in enumerate(reports):
            values = (r.name, when(r.send_at), fmt.integer(r.recipients), fmt.integer(r.sent),
                      fmt.integer(r.failed), fmt.integer(r.opted_out), fmt.integer(r.waiting),
                      fmt.money(r.cost))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def compose(self) -> None:
        from extradesk.ui.sms.campaign_dialog import CampaignDialog

        self.composer = CampaignDialog(self.tasks, self)
        self.composer.finished.connect(self.composer.deleteLater)
        self.composer.finished.connect(lambda _r: self.reload())
        self.composer.open()
