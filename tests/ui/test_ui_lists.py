"""Reference lists (with merge), users, preferences and the user switcher."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit
from ui_helpers import add_client, open_section, type_text, wait_for

from extradesk.services import preferences, references, users
from extradesk.services.clients import records as clients
from extradesk.services.dto import UserInput
from extradesk.ui.dialogs.references_dialog import ReferencesDialog


def status_id(ctx, label):
    return next(i.id for i in references.list_items(ctx, "status") if i.label == label)


def open_statuses(qtbot, window) -> ReferencesDialog:
    window.references_action.trigger()
    dialog = window.dialog
    qtbot.waitUntil(lambda: len(dialog.items) > 0)
    assert dialog.chooser.currentText() == "Statuts de client"
    return dialog


def test_merge_two_statuses_through_the_dialog(qtbot, window, ctx):
    references.add_item(ctx, "status", label="Clients")
    kept, gone = status_id(ctx, "Client"), status_id(ctx, "Clients")
    one = add_client(ctx, last_name="Aubert", status_id=gone)
    two = add_client(ctx, last_name="Bertin", status_id=kept)
    dialog = open_statuses(qtbot, window)
    assert [(i.label, i.usage) for i in dialog.items if i.label.startswith("Client")] == [
        ("Client", 1), ("Clients", 1)]

    dialog.select_labels("Client", "Clients")
    assert dialog.buttons["mergeItems"].isEnabled()
    qtbot.mouseClick(dialog.buttons["mergeItems"], Qt.MouseButton.LeftButton)
    merge = dialog.dialog
    merge.keep.setCurrentIndex(0)  # « Client »
    assert merge.question.text().startswith(
        "Fusionner 2 éléments dans « Client » ? Les fiches qui les utilisent seront "
        "rattachées à « Client ».")
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Clients" not in [i.label for i in dialog.items])
    assert [(i.label, i.usage) for i in dialog.items if i.label == "Client"] == [("Client", 2)]
    assert clients.get_client(ctx, one).status == "Client"
    assert clients.get_client(ctx, two).status == "Client"


def test_add_rename_and_deactivate_an_item(qtbot, window, ctx):
    dialog = open_statuses(qtbot, window)
    qtbot.mouseClick(dialog.buttons["addItem"], Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QInputDialog, "askTextDialog")
    type_text(qtbot, ask.findChild(QLineEdit), "Partenaire")
    ask.accept()
    qtbot.waitUntil(lambda: "Partenaire" in [i.label for i in dialog.items])

    dialog.select_labels("Partenaire")
    qtbot.mouseClick(dialog.buttons["renameItem"], Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QInputDialog, "askTextDialog")
    ask.findChild(QLineEdit).selectAll()
    type_text(qtbot, ask.findChild(QLineEdit), "Partenaire privilégié")
    ask.accept()
    qtbot.waitUntil(lambda: "Partenaire privilégié" in [i.label for i in dialog.items])

    dialog.select_labels("Partenaire privilégié")
    qtbot.mouseClick(dialog.buttons["toggleItem"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not next(i for i in dialog.items
                                     if i.label == "Partenaire privilégié").active)


def test_a_taken_label_is_refused_in_french(qtbot, window, ctx):
    from PySide6.QtWidgets import QMessageBox

    dialog = open_statuses(qtbot, window)
    qtbot.mouseClick(dialog.buttons["addItem"], Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QInputDialog, "askTextDialog")
    type_text(qtbot, ask.findChild(QLineEdit), "prospect")
    ask.accept()
    box = wait_for(qtbot, QMessageBox, "errorBox")
    assert box.text() == "« prospect » existe déjà dans la liste."
    box.close()


def test_switch_user_reloads_the_preferences(qtbot, window, ctx):
    other, _ = users.create_user(ctx, UserInput(name="Marie Curie", initials="MC"))
    preferences.set_value(ctx, preferences.SEARCH_MODE.key, value="starts_with", user_id=other)
    window._changed(users.update_user(ctx, other, data=UserInput(name="Marie Curie", initials="MC")))
    button = window.user_button
    qtbot.waitUntil(lambda: button.action_for(other) is not None)
    assert window.search.mode == "contains"

    button.action_for(other).trigger()
    qtbot.waitUntil(lambda: button.current is not None and button.current.id == other)
    assert button.text() == "Marie Curie"
    qtbot.waitUntil(lambda: window.search.mode == "starts_with")
    assert users.last_user_id(ctx) == other


def test_change_the_search_mode_preference(qtbot, window, ctx):
    qtbot.mouseClick(window.gear, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    open_section(qtbot, dialog, "search")
    assert dialog.mode_buttons["contains"].isChecked()
    assert dialog.mode_buttons["starts_with"].text() == "commence par"
    starts_with = dialog.mode_buttons["starts_with"]
    qtbot.waitUntil(lambda: starts_with.isVisible() and starts_with.width() > 20)
    # on its round indicator, as a person would (the label side ends where its text ends)
    qtbot.mouseClick(starts_with, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, starts_with.height() // 2))
    assert starts_with.isChecked()
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert preferences.get(ctx, preferences.SEARCH_MODE.key) == "starts_with"
    qtbot.waitUntil(lambda: window.search.mode == "starts_with")


def test_add_a_user_with_a_refused_email_first(qtbot, window, ctx):
    window.users_action.trigger()
    dialog = window.dialog
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    assert dialog.form_title.text() == "Modifier Utilisateur principal"
    qtbot.mouseClick(dialog.findChild(type(dialog.save_button), "newUser"),
                     Qt.MouseButton.LeftButton)
    assert dialog.form_title.text() == "Nouvel utilisateur" and dialog.name.text() == ""
    type_text(qtbot, dialog.name, "Paul Émile")
    type_text(qtbot, dialog.email, "paul@")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(type(dialog.form_title), "emailError")
    qtbot.waitUntil(error.isVisible)
    assert "n'est pas une adresse e-mail valide" in error.text()
    assert len(users.list_users(ctx)) == 1

    dialog.email.clear()
    type_text(qtbot, dialog.email, "paul@exemple.fr")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 2)
    added = next(u for u in users.list_users(ctx) if u.name == "Paul Émile")
    assert (added.initials, added.email) == ("PÉ", "paul@exemple.fr")
