"""The people of the business: list, add, edit (name, initials, contacts, agenda colour, active)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.services.dto import User, UserInput
from extradesk.ui.ops import users as users_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit, text_or_none
from extradesk.ui.widgets.user_button import swatch

DEFAULT_COLOR = UserInput().color


class UsersDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle("Utilisateurs")
        self.resize(640, 380)
        self._tasks = tasks
        self.users: list[User] = []
        self.editing: User | None = None  # None: the form creates a new user
        self.color = DEFAULT_COLOR
        self.errors = FormErrors()

        self.list = QListWidget()
        self.list.setObjectName("usersList")
        self.list.currentRowChanged.connect(self._row_chosen)
        new = QPushButton("Nouvel utilisateur")
        new.setObjectName("newUser")
        new.clicked.connect(self.new_user)
        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addWidget(new)

        self.name = line_edit("name")
        self.initials = line_edit("initials", width=70, placeholder="Auto")
        self.email = line_edit("email")
        self.mobile = line_edit("mobile", placeholder="06 12 34 56 78")
        self.color_button = QPushButton("Choisir…")
        self.color_button.setObjectName("colorButton")
        self.color_button.clicked.connect(self.choose_color)
        self.active = QCheckBox("Actif (peut se connecter, apparaît dans l'agenda)")
        self.active.setObjectName("active")
        self.form_title = label("", "sectionTitle")
        form = form_layout()
        form.addRow("Nom", self.errors.field("name", self.name))
        form.addRow("Initiales", self.errors.field("initials", self.initials))
        form.addRow("E-mail", self.errors.field("email", self.email))
        form.addRow("Portable", self.errors.field("mobile", self.mobile))
        form.addRow("Couleur", self.errors.field("color", self.color_button))
        form.addRow("", self.active)
        self.save_button = primary(QPushButton("Enregistrer"))
        self.save_button.setObjectName("saveUser")
        self.save_button.clicked.connect(self.save)
        right = QVBoxLayout()
        right.addWidget(self.form_title)
        right.addWidget(self.errors.panel)
        right.addLayout(form)
        right.addStretch()
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(close)
        self.new_user()
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else (self.editing.id if self.editing
                                                          else None)
        users_ops.list_users(self._tasks, self, include_inactive=True,
                             on_done=lambda found: self._fill(found, wanted))

    def _fill(self, found: list[User], select_id: int | None) -> None:
        self.users = found
        self.list.blockSignals(True)
        self.list.clear()
        for user in found:
            item = QListWidgetItem(swatch(user.color), f"{user.name} ({user.initials})"
                                   + ("" if user.active else " — inactif"))
            if not user.active:
                item.setForeground(QBrush(QColor("#8a8a8a")))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, u in enumerate(found) if u.id == select_id), None)
        if row is None and self.editing is None and not self._fresh_form():
            row = 0  # nothing typed yet: show the first user rather than an empty form
        if row is not None and found:
            self.list.setCurrentRow(row)

    def _fresh_form(self) -> bool:
        """True when the person started typing a new user: keep their input."""
        return any(edit.text() for edit in (self.name, self.initials, self.email, self.mobile))

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.users):
            self.edit_user(self.users[row])

    def new_user(self) -> None:
        self.list.setCurrentRow(-1)
        self._show_form(None)
        self.name.setFocus()

    def edit_user(self, user: User) -> None:
        self._show_form(user)

    def _show_form(self, user: User | None) -> None:
        self.editing = user
        self.errors.clear()
        self.form_title.setText(f"Modifier {user.name}" if user else "Nouvel utilisateur")
        self.name.setText(user.name if user else "")
        self.initials.setText(user.initials if user else "")
        self.email.setText(user.email or "" if user else "")
        self.mobile.setText(user.mobile or "" if user else "")
        self.active.setChecked(user.active if user else True)
        self._set_color(user.color if user else DEFAULT_COLOR)

    def _set_color(self, color: str) -> None:
        self.color = color
        self.color_button.setIcon(swatch(color))
        self.color_button.setText(color)

    def choose_color(self) -> None:
        dialog = QColorDialog(QColor(self.color), self)
        dialog.setWindowTitle("Couleur de l'utilisateur")
        dialog.colorSelected.connect(lambda c: self._set_color(c.name()))
        dialog.open()

    def current_input(self) -> UserInput:
        return UserInput(name=text_or_none(self.name), initials=text_or_none(self.initials),
                         email=text_or_none(self.email), mobile=text_or_none(self.mobile),
                         color=self.color, active=self.active.isChecked())

    def save(self) -> None:
        self.errors.clear()
        users_ops.save_user(self._tasks, self, user_id=self.editing.id if self.editing else None,
                            data=self.current_input(),
                            on_done=lambda result: self.reload(select_id=result[0]),
                            on_error=lambda e: self.errors.present(self, e))
