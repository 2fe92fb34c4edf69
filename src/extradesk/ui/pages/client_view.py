"""One client's record: identity, contacts, addresses, notes, ouvrages and documents at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.services.dto import ClientDetail, Ouvrage
from extradesk.ui import prompts
from extradesk.ui.dialogs.client_dialog import ClientDialog
from extradesk.ui.dialogs.ouvrage_dialog import OuvrageDialog
from extradesk.ui.ops import clients as clients_ops
from extradesk.ui.pages.documents_page import count_text, make_table
from extradesk.ui.style import label, primary, selectable
from extradesk.ui.tablemodels.documents_model import CLIENT_COLUMN, DocumentsModel
from extradesk.ui.tasks import Tasks

DOCUMENT_ROWS = 8  # rows shown before the documents table scrolls

_OUVRAGE_COLUMNS = ("Nom", "Type", "Adresse", "Installé le")


def _address(line1, line2, postal_code, city) -> str:
    place = " ".join(p for p in (postal_code, city) if p)
    return "\n".join(p for p in (line1, line2, place) if p)


def _grid_form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form


class ClientView(QWidget):
    back = Signal()
    open_document = Signal(int)
    new_document = Signal(object)  # the client id

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientView")
        self._tasks = tasks
        self.detail: ClientDetail | None = None
        self.dialog: QDialog | None = None  # the form opened last (tests reach it here)
        self._wanted: int | None = None

        self.back_button = QPushButton("← Liste des clients")
        self.back_button.setObjectName("backToList")
        self.back_button.clicked.connect(self.back)
        self.title = selectable(label("", "pageTitle"))
        self.subtitle = label("", "hint")
        self.archived_banner = label("Ce client est archivé : il n'apparaît plus dans la liste "
                                     "ni dans la recherche habituelle.", "hint")
        self.edit_button = primary(QPushButton("Modifier"))
        self.edit_button.setObjectName("editClient")
        self.edit_button.clicked.connect(self.edit)
        self.archive_button = QPushButton("Archiver")
        self.archive_button.setObjectName("archiveClient")
        self.archive_button.clicked.connect(self.toggle_archived)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addWidget(self.archived_banner)
        header.addLayout(titles, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.archive_button, 0, Qt.AlignmentFlag.AlignTop)

        self.contacts = QGroupBox("Coordonnées")
        self.addresses = QGroupBox("Adresses")
        self.follow_up = QGroupBox("Suivi")
        for box in (self.contacts, self.addresses, self.follow_up):
            _grid_form(box)
        self.notes = selectable(label("", "notesText", wrap=True))
        notes_box = QGroupBox("Notes")
        QVBoxLayout(notes_box).addWidget(self.notes)
        documents = self._documents_box()
        from extradesk.ui.mail.client_mail import MailHistory

        self.mails = MailHistory(tasks)  # the client's mails, « Envoyer un message… »
        from extradesk.ui.payments.client_panel import ClientPayments

        self.payments = ClientPayments(tasks)  # balance, credit, payments, « Régler »
        from extradesk.ui.sms.consent_box import ConsentBox

        self.sms_consent = ConsentBox(tasks)  # consent to commercial SMS, STOP

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.contacts, 0, 0)
        grid.addWidget(self.addresses, 0, 1)
        grid.addWidget(self.follow_up, 0, 2)
        grid.addWidget(self._ouvrages_box(), 1, 0, 1, 3)
        grid.addWidget(notes_box, 2, 0, 1, 3)
        grid.addWidget(documents, 3, 0, 1, 3)
        grid.addWidget(self.payments, 4, 0, 1, 3)
        grid.addWidget(self.mails, 5, 0, 1, 3)
        grid.addWidget(self.sms_consent, 6, 0, 1, 3)
        grid.setRowStretch(7, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch()
        layout.addLayout(top)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

    def _documents_box(self) -> QGroupBox:
        box = QGroupBox("Pièces commerciales")
        box.setObjectName("documentsSection")
        self.documents_model = DocumentsModel(self._tasks, self)
        self.documents = make_table(self.documents_model, "clientDocuments")
        self.documents.setColumnHidden(CLIENT_COLUMN, True)
        self.documents.activated.connect(self._document_activated)
        self.no_document = label("Aucune pièce pour ce client.", "hint")
        self.documents_count = label("", "hint")
        self.new_quote_button = QPushButton("Nouveau devis")
        self.new_quote_button.setObjectName("clientNewQuote")
        self.new_quote_button.clicked.connect(
            lambda: self.detail is not None and self.new_document.emit(self.detail.id))
        self.plan_button = QPushButton("Planifier un rendez-vous")
        self.plan_button.setObjectName("clientPlanAppointment")
        self.plan_button.clicked.connect(self.plan_appointment)
        buttons = QVBoxLayout()
        buttons.addWidget(self.new_quote_button)
        buttons.addWidget(self.plan_button)
        buttons.addStretch()
        column = QVBoxLayout()
        column.addWidget(self.no_document)
        column.addWidget(self.documents)
        column.addWidget(self.documents_count)
        row = QHBoxLayout(box)
        row.addLayout(column, 1)
        row.addLayout(buttons)
        self.documents_model.snapshot_loaded.connect(self._documents_loaded)
        self.documents_model.count_loaded.connect(self._documents_loaded)
        return box

    def _documents_loaded(self) -> None:
        count = self.documents_model.rowCount()
        rows = min(max(count, 2), DOCUMENT_ROWS)
        self.documents.setFixedHeight(self.documents.horizontalHeader().sizeHint().height()
                                      + rows * self.documents.verticalHeader().defaultSectionSize()
                                      + 2 * self.documents.frameWidth() + 2)
        self.documents.setVisible(count > 0)
        self.no_document.setVisible(count == 0 and self.documents_model.complete)
        self.documents_count.setText(count_text(count) if count > DOCUMENT_ROWS else "")
        self.documents_count.setVisible(count > DOCUMENT_ROWS)

    def _document_activated(self, index) -> None:
        document_id = self.documents_model.document_id(index.row()) if index.isValid() else None
        if document_id is not None:
            self.open_document.emit(document_id)

    def _ouvrages_box(self) -> QGroupBox:
        box = QGroupBox("Ouvrages")
        self.ouvrages = QTableWidget(0, len(_OUVRAGE_COLUMNS))
        self.ouvrages.setObjectName("ouvragesTable")
        self.ouvrages.setHorizontalHeaderLabels(_OUVRAGE_COLUMNS)
        self.ouvrages.verticalHeader().hide()
        self.ouvrages.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ouvrages.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ouvrages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.ouvrages.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.ouvrages.doubleClicked.connect(lambda _i: self.edit_ouvrage())
        self.no_ouvrage = label("Aucun ouvrage pour ce client. Ajoutez sa piscine, son poêle, "
                                "son jardin… pour les retrouver dans ses devis.", "hint", wrap=True)
        buttons = QVBoxLayout()
        self.ouvrage_buttons: list[QPushButton] = []  # need a selected ouvrage
        for text, name, slot in (("Ajouter un ouvrage", "addOuvrage", self.add_ouvrage),
                                 ("Modifier", "editOuvrage", self.edit_ouvrage),
                                 ("Renommer", "renameOuvrage", self.rename_ouvrage),
                                 ("Supprimer", "deleteOuvrage", self.delete_ouvrage)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if name != "addOuvrage":
                self.ouvrage_buttons.append(button)
        buttons.addStretch()
        self.ouvrages.itemSelectionChanged.connect(self._selection_changed)
        row = QHBoxLayout(box)
        column = QVBoxLayout()
        column.addWidget(self.no_ouvrage)
        column.addWidget(self.ouvrages)
        row.addLayout(column, 1)
        row.addLayout(buttons)
        return box

    # -- loading -----------------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        self._wanted = client_id
        clients_ops.get(self._tasks, self, client_id=client_id, on_done=self._show)
        self.mails.show_client(client_id)
        self.payments.show_client(client_id)
        self.sms_consent.show_client(client_id)
        if self.documents_model.query.client_id != client_id or not self.documents_model.loaded:
            self.documents_model.reload(client_id=client_id)

    def apply_changes(self, changes: Changes) -> None:
        if self.detail is not None and (changes.everything or self.detail.id in changes.clients
                                        or changes.references):
            self.show_client(self.detail.id)
        self.documents_model.apply_changes(changes)
        self.mails.apply_changes(changes)
        self.payments.apply_changes(changes)
        self.sms_consent.apply_changes(changes)

    def _show(self, detail: ClientDetail) -> None:
        if detail.id != self._wanted:
            return
        self.detail = detail
        data = detail.data
        self.title.setText(detail.name)
        self.subtitle.setText(" · ".join(p for p in (detail.status, detail.civility,
                                                     f"client n° {detail.id}") if p))
        self.archived_banner.setVisible(detail.archived)
        self.archive_button.setText("Désarchiver" if detail.archived else "Archiver")
        self._fill_form(self.contacts, [
            ("Portable", fmt.phone(data.phone_mobile)), ("Fixe", fmt.phone(data.phone_home)),
            ("Professionnel", fmt.phone(data.phone_work)), ("E-mail", data.email),
            ("E-mail secondaire", data.email2)])
        billing = _address(data.billing_line1, data.billing_line2, data.billing_postal_code,
                           data.billing_city)
        site = "Identique à la facturation" if data.site_same_as_billing else _address(
            data.site_line1, data.site_line2, data.site_postal_code, data.site_city)
        self._fill_form(self.addresses, [("Facturation", billing), ("Chantier", site)])
        self._fill_form(self.follow_up, [
            ("Statut", detail.status), ("Origine", detail.origin),
            ("Créé le", fmt.day(detail.created_at.date()) if detail.created_at else ""),
            ("Modifié le", fmt.moment(detail.updated_at))])
        self.notes.setText(data.notes or "Aucune note.")
        self._fill_ouvrages(detail.ouvrages)

    @staticmethod
    def _fill_form(box: QGroupBox, rows: list[tuple[str, str | None]]) -> None:
        form: QFormLayout = box.layout()
        while form.rowCount():
            form.removeRow(0)
        shown = [(k, v) for k, v in rows if v]
        for key, value in shown or [("", "—")]:
            form.addRow(label(key) if key else QLabel(), selectable(QLabel(value)))

    def _fill_ouvrages(self, ouvrages: list[Ouvrage]) -> None:
        self.ouvrages.setRowCount(len(ouvrages))
        for row, o in enumerate(ouvrages):
            place = ", ".join(p for p in (o.line1, " ".join(
                p for p in (o.postal_code, o.city) if p)) if p)
            for column, text in enumerate((o.name, o.type_label, place or "Adresse du client",
                                           fmt.day(o.install_date))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, o.id)
                self.ouvrages.setItem(row, column, item)
        rows = max(len(ouvrages), 2)  # sized to its content: no empty white box under it
        self.ouvrages.setFixedHeight(self.ouvrages.horizontalHeader().sizeHint().height()
                                     + rows * self.ouvrages.verticalHeader().defaultSectionSize()
                                     + 2 * self.ouvrages.frameWidth() + 2)
        self.ouvrages.setVisible(bool(ouvrages))
        self.no_ouvrage.setVisible(not ouvrages)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.ouvrages.selectionModel().selectedRows())
        for button in self.ouvrage_buttons:
            button.setEnabled(chosen)

    # -- actions -----------------------------------------------------------------------------

    def edit(self) -> None:
        if self.detail is None:
            return
        dialog = ClientDialog(self._tasks, self.detail, self)
        dialog.open_client.connect(self.show_client)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def toggle_archived(self) -> None:
        if self.detail is None:
            return
        clients_ops.set_archived(self._tasks, self, client_id=self.detail.id,
                                 archived=not self.detail.archived)

    def plan_appointment(self) -> None:
        """The appointment form for this client (and the selected ouvrage, if any)."""
        if self.detail is None:
            return
        from extradesk.ui.agenda.appointment_dialog import plan

        ouvrage = self.selected_ouvrage()
        self.dialog = plan(self._tasks, self, client_id=self.detail.id,
                           ouvrage_id=ouvrage.id if ouvrage else None)

    def selected_ouvrage(self) -> Ouvrage | None:
        rows = self.ouvrages.selectionModel().selectedRows()
        if self.detail is None or not rows:
            return None
        return self.detail.ouvrages[rows[0].row()]

    def add_ouvrage(self) -> None:
        if self.detail is None:
            return
        data = self.detail.data
        site = (data.billing_line1, data.billing_line2, data.billing_postal_code,
                data.billing_city) if data.site_same_as_billing else (
            data.site_line1, data.site_line2, data.site_postal_code, data.site_city)
        self._open(OuvrageDialog(self._tasks, self.detail.id, site=site, parent=self))

    def edit_ouvrage(self) -> None:
        if (ouvrage := self.selected_ouvrage()) is not None:
            self._open(OuvrageDialog(self._tasks, ouvrage.client_id, ouvrage, parent=self))

    def rename_ouvrage(self) -> None:
        if (ouvrage := self.selected_ouvrage()) is None:
            return

        def rename(name: str) -> None:
            clients_ops.rename_ouvrage(self._tasks, self, ouvrage_id=ouvrage.id, name=name)

        self.dialog = prompts.ask_text(self, "Renommer l'ouvrage", "Nouveau nom :",
                                       ouvrage.name, rename)

    def delete_ouvrage(self) -> None:
        if (ouvrage := self.selected_ouvrage()) is None:
            return

        def delete() -> None:
            clients_ops.delete_ouvrage(self._tasks, self, ouvrage_id=ouvrage.id)

        self.dialog = prompts.confirm(
            self, "Supprimer l'ouvrage", f"Supprimer l'ouvrage « {ouvrage.name} » ?",
            delete, yes_text="Supprimer")
