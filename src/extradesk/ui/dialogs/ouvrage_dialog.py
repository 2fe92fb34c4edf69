"""Add or edit one of a client's ouvrages (pool, stove, garden…)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.errors import Problem, ValidationError
from extradesk.i18n import format as fmt
from extradesk.services.dto import Ouvrage, OuvrageInput
from extradesk.ui.ops import clients as clients_ops
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, fill_combo, form_layout, line_edit, text_or_none

# (line1, line2, postal code, city): where the client's work site is, to copy from
Address = tuple[str | None, str | None, str | None, str | None]


class OuvrageDialog(QDialog):
    saved = Signal(int)  # ouvrage id

    def __init__(self, tasks: Tasks, client_id: int, ouvrage: Ouvrage | None = None, *,
                 site: Address | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ouvrageDialog")
        self.setWindowTitle(f"Modifier l'ouvrage — {ouvrage.name}" if ouvrage else "Nouvel ouvrage")
        self.setMinimumWidth(480)
        self._tasks = tasks
        self.client_id = client_id
        self.ouvrage = ouvrage
        self.errors = FormErrors()
        self.name = line_edit("name", placeholder="Piscine, poêle du salon, jardin…")
        self.type = QComboBox()
        self.type.setObjectName("type_id")
        self.line1 = line_edit("line1", placeholder="Si différente de l'adresse du client")
        self.line2 = line_edit("line2")
        self.postal_code = line_edit("postal_code", width=80)
        self.city = line_edit("city")
        self.install_date = line_edit("install_date", placeholder="JJ/MM/AAAA", width=110)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(70)

        form = form_layout()
        form.addRow("Nom", self.errors.field("name", self.name))
        form.addRow("Type", self.type)
        form.addRow("Adresse", self.errors.field("line1", self.line1))
        form.addRow("Complément", self.errors.field("line2", self.line2))
        form.addRow("Code postal, ville", self.errors.pair(("postal_code", self.postal_code),
                                                           ("city", self.city)))
        if site and any(site):
            copy = QPushButton("Reprendre l'adresse du chantier")
            copy.setObjectName("copySiteAddress")
            copy.clicked.connect(lambda: self._copy_address(site))
            form.addRow("", copy)
        form.addRow("Installé le", self.errors.field("install_date", self.install_date))
        form.addRow("Notes", self.errors.field("notes", self.notes))

        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton(
            "Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveOuvrage")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.panel)
        layout.addLayout(form)
        layout.addWidget(buttons)

        if ouvrage is not None:
            self.name.setText(ouvrage.name)
            for edit, value in ((self.line1, ouvrage.line1), (self.line2, ouvrage.line2),
                                (self.postal_code, ouvrage.postal_code),
                                (self.city, ouvrage.city), (self.install_date,
                                                            fmt.day(ouvrage.install_date))):
                edit.setText(value or "")
            self.notes.setPlainText(ouvrage.notes or "")
        self._load_types()

    def _copy_address(self, site: Address) -> None:
        for edit, value in zip((self.line1, self.line2, self.postal_code, self.city), site,
                               strict=True):
            edit.setText(value or "")

    def _load_types(self) -> None:
        current = self.ouvrage.type_id if self.ouvrage else None
        references_ops.list_items(self._tasks, self, list_name="ouvrage_type",
                                  on_done=lambda items: fill_combo(self.type, items, current))

    def current_input(self) -> OuvrageInput:
        """The form as an OuvrageInput; a date that does not parse is a ValidationError."""
        raw_date = self.install_date.text()
        try:
            day = fmt.parse_day(raw_date)
        except ValueError:
            raise ValidationError([Problem("install_date", "date.invalid",
                                           {"value": raw_date.strip()})]) from None
        return OuvrageInput(
            name=text_or_none(self.name), type_id=self.type.currentData(),
            line1=text_or_none(self.line1), line2=text_or_none(self.line2),
            postal_code=text_or_none(self.postal_code), city=text_or_none(self.city),
            install_date=day, notes=self.notes.toPlainText().strip() or None,
        )

    def save(self) -> None:
        self.errors.clear()
        try:
            data = self.current_input()
        except ValidationError as error:
            self._refused(error)
            return
        self.save_button.setEnabled(False)
        clients_ops.save_ouvrage(self._tasks, self, client_id=self.client_id,
                                 ouvrage_id=self.ouvrage.id if self.ouvrage else None,
                                 data=data, on_done=self._saved, on_error=self._refused)

    def _saved(self, result) -> None:
        self.saved.emit(result[0])
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.present(self, error)
