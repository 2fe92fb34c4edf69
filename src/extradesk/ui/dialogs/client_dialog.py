"""The client form: create or edit a client, with live duplicate warnings and errors in place."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.services.dto import ClientDetail, ClientInput
from extradesk.ui import errors
from extradesk.ui.ops import clients as clients_ops
from extradesk.ui.ops import preferences as preferences_ops
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.duplicates_panel import DuplicatesPanel
from extradesk.ui.widgets.form import FormErrors, fill_combo, form_layout, line_edit, text_or_none

DUPLICATE_DELAY_MS = 300  # pause in typing before looking for duplicates
_WATCHED = ("last_name", "first_name", "company", "billing_postal_code", "phone_mobile",
            "phone_home", "phone_work", "email", "email2")
_COMBOS = {"civility_id": "civility", "status_id": "status", "origin_id": "origin"}
_PHONES = ("phone_mobile", "phone_home", "phone_work")
# The user's preferences for a new client (Préférences > Création d'un client).
_DEFAULTS = {"clients.default_civility": "civility_id", "clients.default_status": "status_id",
             "clients.default_origin": "origin_id"}
_REQUIRED = "clients.required_fields"


class ClientDialog(QDialog):
    saved = Signal(int)  # client id, after a successful create or update
    open_client = Signal(int)  # the user prefers an existing client (duplicate panel)

    def __init__(self, tasks: Tasks, detail: ClientDetail | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientDialog")
        self.setWindowTitle(f"Modifier la fiche — {detail.name}" if detail else "Nouveau client")
        self.setMinimumWidth(900)
        self._tasks = tasks
        self.client_id = detail.id if detail else None
        self._initial = detail.data if detail else ClientInput()
        self._duplicate_seq = 0
        self.errors = FormErrors()
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}

        self.duplicates = DuplicatesPanel()
        self.duplicates.open_client.connect(self._open_existing)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addWidget(self._identity_box(), 0, 0)
        grid.addWidget(self._contact_box(), 1, 0)
        grid.addWidget(self._billing_box(), 0, 1)
        grid.addWidget(self._site_box(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Accès au chantier, préférences, historique…")
        self.notes.setFixedHeight(70)
        notes_box = QGroupBox("Notes")
        QVBoxLayout(notes_box).addWidget(self.errors.field("notes", self.notes))
        grid.addWidget(notes_box, 2, 0, 1, 2)

        self.buttons = QDialogButtonBox()
        self.save_button = primary(self.buttons.addButton(
            "Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveClient")
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.errors.panel)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)

        self._fill(self._initial)
        self._timer = QTimer(self, singleShot=True, interval=DUPLICATE_DELAY_MS)
        self._timer.timeout.connect(self.check_duplicates)
        for name in _WATCHED:
            self.edits[name].textEdited.connect(lambda _t: self._timer.start())
        self.required: tuple[str, ...] = ()
        if detail is None:  # the user's defaults first, then the lists they select in
            preferences_ops.values(tasks, self, keys=[*_DEFAULTS, _REQUIRED],
                                   on_done=self._defaults_loaded)
        else:
            self._load_lists()

    # -- building ----------------------------------------------------------------------------

    def _edit(self, name: str, **kwargs) -> QLineEdit:
        self.edits[name] = line_edit(name, **kwargs)
        return self.edits[name]

    def _row(self, form, text: str, name: str, **kwargs) -> None:
        form.addRow(text, self.errors.field(name, self._edit(name, **kwargs)))

    def _combo(self, name: str) -> QComboBox:
        self.combos[name] = QComboBox()
        self.combos[name].setObjectName(name)
        return self.combos[name]

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox("Identité")
        form = form_layout(box)
        form.addRow("Civilité", self._combo("civility_id"))
        self._row(form, "Nom", "last_name")
        self._row(form, "Prénom", "first_name")
        self._row(form, "Société", "company", placeholder="Raison sociale, le cas échéant")
        # A business client's identity, printed on its invoices (e-invoicing reform).
        form.addRow("SIREN, n° de TVA", self.errors.pair(
            ("siren", self._edit("siren", placeholder="552 100 554", width=110)),
            ("client_vat_number", self._edit("vat_number", placeholder="FR96 552100554"))))
        form.addRow("Statut", self._combo("status_id"))
        form.addRow("Origine du contact", self._combo("origin_id"))
        return box

    def _contact_box(self) -> QGroupBox:
        box = QGroupBox("Coordonnées")
        form = form_layout(box)
        self._row(form, "Portable", "phone_mobile", placeholder="06 12 34 56 78")
        self._row(form, "Téléphone fixe", "phone_home")
        self._row(form, "Tél. professionnel", "phone_work")
        self._row(form, "E-mail", "email", placeholder="nom@exemple.fr")
        self._row(form, "E-mail secondaire", "email2")
        return box

    def _address(self, form, prefix: str) -> None:
        self._row(form, "Adresse", f"{prefix}_line1", placeholder="N° et rue")
        self._row(form, "Complément", f"{prefix}_line2", placeholder="Bâtiment, lieu-dit…")
        form.addRow("Code postal, ville", self.errors.pair(
            (f"{prefix}_postal_code", self._edit(f"{prefix}_postal_code", width=80)),
            (f"{prefix}_city", self._edit(f"{prefix}_city"))))

    def _billing_box(self) -> QGroupBox:
        box = QGroupBox("Adresse de facturation")
        self._address(form_layout(box), "billing")
        return box

    def _site_box(self) -> QGroupBox:
        box = QGroupBox("Adresse du chantier")
        column = QVBoxLayout(box)
        self.site_same = QCheckBox("Identique à l'adresse de facturation")
        self.site_same.setObjectName("site_same_as_billing")
        column.addWidget(self.site_same)
        self.site_fields = QWidget()
        form = form_layout(self.site_fields)
        form.setContentsMargins(0, 0, 0, 0)
        self._address(form, "site")
        column.addWidget(self.site_fields)
        column.addStretch()
        self.site_same.toggled.connect(lambda same: self.site_fields.setVisible(not same))
        return box

    # -- data --------------------------------------------------------------------------------

    def _fill(self, data: ClientInput) -> None:
        for name, edit in self.edits.items():
            value = getattr(data, name)
            edit.setText(fmt.phone(value) if name in _PHONES else (value or ""))
        self.site_same.setChecked(data.site_same_as_billing)
        self.site_fields.setVisible(not data.site_same_as_billing)
        self.notes.setPlainText(data.notes or "")

    def _defaults_loaded(self, values: dict) -> None:
        """Civility, status and origin chosen in advance; mandatory fields marked « * » (the
        service refuses a new client without them all the same)."""
        self._initial = replace(self._initial, **{
            name: values[key] for key, name in _DEFAULTS.items() if values[key] is not None})
        self.required = tuple(values[_REQUIRED])
        for name in self.required:
            widget = self.combos.get(name) or self.edits.get(
                "phone_mobile" if name == "phone" else name)
            text = _form_label(widget)
            if text is not None and not text.text().endswith(" *"):
                text.setText(f"{text.text()} *")
                text.setToolTip("Champ obligatoire (Préférences > Création d'un client)")
        self._load_lists()

    def _load_lists(self) -> None:
        references_ops.several_lists(self._tasks, self, lists=_COMBOS, on_done=self._fill_lists)

    def _fill_lists(self, lists: dict) -> None:
        for name, items in lists.items():
            fill_combo(self.combos[name], items, getattr(self._initial, name))

    def current_input(self) -> ClientInput:
        """What the form says now, as typed (the service cleans and checks it)."""
        values = {f.name: getattr(self._initial, f.name) for f in fields(ClientInput)}
        values.update({name: text_or_none(edit) for name, edit in self.edits.items()})
        values.update({name: combo.currentData() for name, combo in self.combos.items()})
        values["site_same_as_billing"] = self.site_same.isChecked()
        values["notes"] = self.notes.toPlainText().strip() or None
        return ClientInput(**values)

    # -- duplicates --------------------------------------------------------------------------

    def check_duplicates(self) -> None:
        self._duplicate_seq += 1
        seq, data, exclude = self._duplicate_seq, self.current_input(), self.client_id

        def show(found) -> None:
            if seq == self._duplicate_seq:  # a later check supersedes this one
                self.duplicates.set_candidates(found)

        clients_ops.likely_duplicates(self._tasks, self, data=data, exclude_id=exclude, limit=5,
                                      on_done=show, on_error=errors.describe)

    def _open_existing(self, client_id: int) -> None:
        self.open_client.emit(client_id)
        self.reject()

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        self.errors.clear()
        self.save_button.setEnabled(False)
        clients_ops.save(self._tasks, self, client_id=self.client_id, data=self.current_input(),
                         on_done=self._saved, on_error=self._refused)

    def _saved(self, result) -> None:
        self.client_id = result[0]
        self.saved.emit(self.client_id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.present(self, error)


def _form_label(widget: QWidget | None):
    """The label a form layout shows beside `widget` (or beside the cell holding it)."""
    while widget is not None:
        parent = widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QFormLayout) and layout.labelForField(widget) is not None:
            return layout.labelForField(widget)
        widget = parent
    return None
