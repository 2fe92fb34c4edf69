"""The client form, driven like a person: create, refused input, duplicate warnings, edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from ui_helpers import add_client, type_text

from extradesk.services.clients import records as clients
from extradesk.ui.dialogs.client_dialog import ClientDialog


def field(dialog, name) -> QLineEdit:
    return dialog.findChild(QLineEdit, name)


def open_new_client(qtbot, window) -> ClientDialog:
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, ClientDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.combos["status_id"].count() > 1)  # lists loaded
    return dialog


def test_create_a_client_through_the_form(qtbot, window, ctx):
    dialog = open_new_client(qtbot, window)
    civility = dialog.findChild(QComboBox, "civility_id")
    civility.setCurrentIndex(civility.findText("Mme"))
    type_text(qtbot, field(dialog, "last_name"), "Lefèvre")
    type_text(qtbot, field(dialog, "first_name"), "Hélène")
    status = dialog.findChild(QComboBox, "status_id")
    status.setCurrentIndex(status.findText("Prospect"))
    type_text(qtbot, field(dialog, "billing_line1"), "12 rue des Lilas")
    type_text(qtbot, field(dialog, "billing_postal_code"), "74000")
    type_text(qtbot, field(dialog, "billing_city"), "Annecy")
    type_text(qtbot, field(dialog, "phone_mobile"), "06 12 34 56 78")
    type_text(qtbot, field(dialog, "email"), "Helene.Lefevre@Exemple.fr")
    with qtbot.waitSignal(dialog.saved) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    client_id = signal.args[0]
    saved = clients.get_client(ctx, client_id)
    assert saved.name == "LEFÈVRE Hélène"
    assert (saved.civility, saved.status) == ("Mme", "Prospect")
    assert saved.data.phone_mobile == "+33612345678"
    assert saved.data.email == "helene.lefevre@exemple.fr"
    # the new client's record opens, and the list knows about it
    qtbot.waitUntil(lambda: window.client_view.detail is not None)
    assert window.client_view.title.text() == "LEFÈVRE Hélène"
    qtbot.waitUntil(lambda: window.clients_page.model.row_of(client_id) is not None)


def test_a_bad_email_is_refused_in_french_and_nothing_is_saved(qtbot, window, ctx):
    dialog = open_new_client(qtbot, window)
    type_text(qtbot, field(dialog, "last_name"), "Martin")
    type_text(qtbot, field(dialog, "email"), "martin@@exemple")
    type_text(qtbot, field(dialog, "billing_postal_code"), "7400")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    error = dialog.findChild(type(dialog.errors.summary), "emailError")
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "E-mail : « martin@@exemple » n'est pas une adresse e-mail valide."
    postal = dialog.findChild(type(error), "billing_postal_codeError")
    assert "n'est pas un code postal français" in postal.text()
    assert dialog.errors.summary.text().startswith("La saisie contient 2 erreurs")
    assert field(dialog, "email").property("invalid") is True
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert clients.count_clients(ctx) == 0

    field(dialog, "email").clear()
    type_text(qtbot, field(dialog, "email"), "martin@exemple.fr")
    field(dialog, "billing_postal_code").clear()
    type_text(qtbot, field(dialog, "billing_postal_code"), "74000")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert clients.count_clients(ctx) == 1


def test_same_phone_warns_of_a_duplicate_and_opens_it(qtbot, window, ctx):
    existing = add_client(ctx, last_name="Dupont", first_name="Jean", billing_city="Lyon",
                          phone_mobile="0612345678")
    dialog = open_new_client(qtbot, window)
    type_text(qtbot, field(dialog, "last_name"), "Durand")
    type_text(qtbot, field(dialog, "phone_mobile"), "06 12 34 56 78")
    qtbot.waitUntil(dialog.duplicates.isVisible)
    assert dialog.duplicates.lines() == ["DUPONT Jean — Lyon (même numéro de téléphone)"]

    button = dialog.duplicates.findChild(type(dialog.save_button), f"openDuplicate{existing}")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.client_view.detail is not None)
    assert window.client_view.detail.id == existing
    assert clients.count_clients(ctx) == 1


def test_close_name_in_same_postal_code_is_a_duplicate_too(qtbot, window, ctx):
    add_client(ctx, last_name="Lefebvre", first_name="Hélène", billing_postal_code="74000")
    dialog = open_new_client(qtbot, window)
    type_text(qtbot, field(dialog, "last_name"), "Lefèbvre")
    type_text(qtbot, field(dialog, "first_name"), "Helene")
    type_text(qtbot, field(dialog, "billing_postal_code"), "74000")
    qtbot.waitUntil(dialog.duplicates.isVisible)
    assert dialog.duplicates.lines()[0].endswith("(nom très proche, même code postal)")


def test_edit_keeps_what_was_not_touched(qtbot, window, ctx):
    client_id = add_client(ctx, last_name="Garnier", first_name="Luc", phone_home="0450112233",
                           site_same_as_billing=False, site_line1="Chalet des Aravis",
                           site_postal_code="74220", site_city="La Clusaz")
    window.open_client(client_id)
    view = window.client_view
    qtbot.waitUntil(lambda: view.detail is not None)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.waitUntil(lambda: dialog.combos["status_id"].count() > 1)
    assert field(dialog, "phone_home").text() == "04 50 11 22 33"
    assert not dialog.findChild(QCheckBox, "site_same_as_billing").isChecked()
    field(dialog, "first_name").clear()
    type_text(qtbot, field(dialog, "first_name"), "Lucien")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.title.text() == "GARNIER Lucien")
    saved = clients.get_client(ctx, client_id).data
    assert (saved.site_city, saved.phone_home) == ("La Clusaz", "+33450112233")


def test_the_postal_code_error_reads_on_one_or_two_lines_under_both_fields(qtbot, window,
                                                                          idle):
    """Defect 12: under the 80-px postal code, its message wrapped onto five lines."""
    dialog = open_new_client(qtbot, window)
    type_text(qtbot, field(dialog, "last_name"), "Martin")
    type_text(qtbot, field(dialog, "billing_postal_code"), "7400")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    postal = dialog.findChild(type(dialog.errors.summary), "billing_postal_codeError")
    qtbot.waitUntil(postal.isVisible)
    qtbot.waitUntil(lambda: postal.height() > 0)
    dialog.grab().save("/tmp/client_postal_error.png")  # for a person to look at
    line = postal.fontMetrics().lineSpacing()
    assert postal.height() <= 2 * line + 4, (postal.height(), line)
    code, city = field(dialog, "billing_postal_code"), field(dialog, "billing_city")
    left = postal.mapTo(dialog, postal.rect().topLeft()).x()
    assert left == code.mapTo(dialog, code.rect().topLeft()).x()
    assert postal.width() >= code.width() + city.width()  # under both fields
    assert postal.mapTo(dialog, postal.rect().topLeft()).y() > \
        city.mapTo(dialog, city.rect().bottomLeft()).y()
    qtbot.waitUntil(lambda: not dialog._timer.isActive())  # the duplicate check, then close
    idle()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
