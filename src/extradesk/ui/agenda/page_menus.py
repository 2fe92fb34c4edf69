"""The agenda toolbar's menus: whose agenda is shown (me, several = planning), display options
saved as the user's preferences, and « Droits… » on my own agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QPushButton, QToolButton

from extradesk.ui.ops import preferences as preferences_ops

if TYPE_CHECKING:
    from extradesk.ui.agenda.agenda_page import AgendaPage


class PageMenus:
    def __init__(self, page: AgendaPage) -> None:
        self.page = page
        self.user_actions: dict[int, QAction] = {}
        self.users_button = QToolButton()
        self.users_button.setObjectName("agendaUsers")
        self.users_button.setText("Agendas affichés")
        self.users_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.users_menu = QMenu(self.users_button)
        self.users_button.setMenu(self.users_menu)

        self.view_button = QToolButton()
        self.view_button.setObjectName("agendaDisplay")
        self.view_button.setText("Affichage")
        self.view_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        view_menu = QMenu(self.view_button)
        self.frozen_action = view_menu.addAction("Figer la ligne d'en-tête")
        self.vertical_action = view_menu.addAction("Noms des utilisateurs à la verticale")
        for action, key in ((self.frozen_action, "AGENDA_FROZEN_HEADER"),
                            (self.vertical_action, "AGENDA_VERTICAL_NAMES")):
            action.setCheckable(True)
            action.triggered.connect(lambda on, k=key: self.save_option(k, bool(on)))
        view_menu.addSeparator()
        self.color_actions: dict[str, QAction] = {}
        colors = QActionGroup(view_menu)
        for key, text in (("user", "Couleur par utilisateur"), ("type", "Couleur par type")):
            action = view_menu.addAction(text)
            action.setCheckable(True)
            action.setObjectName(f"agendaColorBy_{key}")
            action.triggered.connect(lambda _on=False, k=key: self.set_color_by(k))
            colors.addAction(action)
            self.color_actions[key] = action
        self.view_button.setMenu(view_menu)

        self.rights_button = QPushButton("Droits…")
        self.rights_button.setObjectName("agendaRights")
        self.rights_button.setToolTip("Qui peut voir et modifier mon agenda")
        self.rights_button.clicked.connect(self.open_rights)

    def fill_users(self, state: dict) -> None:
        self.users_menu.clear()
        self.user_actions = {}
        self.users_menu.addAction("Mon agenda seulement",
                                  lambda: self.page.select_users([state["me"]]))
        self.users_menu.addAction("Planning de tous",
                                  lambda: self.page.select_users([u[0] for u in state["users"]]))
        self.users_menu.addSeparator()
        for user_id, name, _color, may_modify in state["users"]:
            action = self.users_menu.addAction(name if may_modify else f"{name} (lecture seule)")
            action.setCheckable(True)
            action.triggered.connect(lambda _on: self._picked())
            self.user_actions[user_id] = action
        self.check_users(self.page.selected)
        self.frozen_action.setChecked(state["frozen"])
        self.vertical_action.setChecked(state["vertical"])

    def check_users(self, user_ids: list[int]) -> None:
        for user_id, action in self.user_actions.items():
            action.setChecked(user_id in user_ids)
        count = len(user_ids)
        self.users_button.setText("Mon agenda" if user_ids == [self.page.me] else
                                  f"Planning : {count} agendas" if count > 1 else "1 agenda")

    def _picked(self) -> None:
        chosen = [u for u, action in self.user_actions.items() if action.isChecked()]
        self.page.select_users(chosen)

    def show_color_by(self, key: str) -> None:
        self.color_actions.get(key, self.color_actions["user"]).setChecked(True)

    def set_color_by(self, key: str) -> None:
        """Colour the blocks by user or by appointment type (a preference: the page reloads
        its state when it is saved, as for the other display options)."""
        self.show_color_by(key)
        self.save_option("AGENDA_COLOR_BY", key)

    def save_option(self, name: str, value) -> None:
        """`name`: the option's name in services/preferences.py (AGENDA_COLOR_BY…)."""
        preferences_ops.set_option(self.page.tasks, self.page, option=name, value=value)

    def open_rights(self) -> None:
        from extradesk.ui.agenda.rights_dialog import RightsDialog

        dialog = RightsDialog(self.page.tasks, self.page.me, self.page.users, self.page)
        self.page.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
