"""Who is working at this PC: a button showing the current user, its menu switches to another.

Part of the shell painted before the database opens: no Qt namespace, no DTO module imported
at load time (see app.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

if TYPE_CHECKING:
    from extradesk.services.dto import User


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class UserButton(QToolButton):
    switch_requested = Signal(int)  # user id
    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userButton")
        self.setToolTip("Changer d'utilisateur")
        self.setText("…")
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.users: list[User] = []
        self.current: User | None = None

    def set_users(self, users: list[User], current_id: int | None) -> None:
        from PySide6.QtCore import Qt

        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.users = list(users)
        self.current = next((u for u in users if u.id == current_id), None)
        self.setText(self.current.name if self.current else "Utilisateur")
        if self.current:
            self.setIcon(swatch(self.current.color))
        self.menu_.clear()
        group = QActionGroup(self.menu_)
        for user in users:
            action = QAction(swatch(user.color), f"{user.name} ({user.initials})", self.menu_)
            action.setCheckable(True)
            action.setChecked(user.id == current_id)
            action.setObjectName(f"switchUser{user.id}")
            action.triggered.connect(lambda _checked=False, uid=user.id: self._switch(uid))
            group.addAction(action)
            self.menu_.addAction(action)
        self.menu_.addSeparator()
        manage = self.menu_.addAction("Gérer les utilisateurs…")
        manage.setObjectName("manageUsers")
        manage.triggered.connect(self.manage_requested)

    def action_for(self, user_id: int) -> QAction | None:
        return self.menu_.findChild(QAction, f"switchUser{user_id}")

    def _switch(self, user_id: int) -> None:
        if self.current is None or user_id != self.current.id:
            self.switch_requested.emit(user_id)
