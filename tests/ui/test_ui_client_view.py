"""A client's record: ouvrages at a glance, added, renamed, edited, deleted; archiving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QMessageBox
from ui_helpers import add_client, type_text, wait_for

from extradesk.services.clients import records as clients


def open_record(qtbot, window, client_id):
    window.open_client(client_id)
    view = window.client_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == client_id)
    return view


def cells(view) -> list[list[str]]:
    table = view.ouvrages
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_the_record_shows_identity_contacts_and_addresses(qtbot, window, ctx):
    client_id = add_client(ctx, last_name="Bonnet", first_name="Claire", company="Jardins Bonnet",
                           phone_mobile="0698765432", email="claire@jardins-bonnet.fr",
                           billing_line1="3 chemin du Lac", billing_postal_code="73100",
                           billing_city="Aix-les-Bains", notes="Portail code 1234")
    view = open_record(qtbot, window, client_id)
    assert view.title.text() == "Jardins Bonnet (BONNET Claire)"
    texts = [w.text() for w in view.findChildren(type(view.title))]
    assert "06 98 76 54 32" in texts
    assert "claire@jardins-bonnet.fr" in texts
    assert "3 chemin du Lac\n73100 Aix-les-Bains" in texts
    assert "Portail code 1234" in texts
    assert view.no_ouvrage.isVisible() and not view.ouvrages.isVisible()
    assert view.findChild(type(view.contacts), "documentsSection") is not None


def test_add_then_rename_an_ouvrage(qtbot, window, ctx):
    client_id = add_client(ctx, last_name="Morel", billing_line1="8 route de Thônes",
                           billing_postal_code="74210", billing_city="Faverges")
    view = open_record(qtbot, window, client_id)

    qtbot.mouseClick(view.findChild(type(view.edit_button), "addOuvrage"),
                     Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.waitUntil(lambda: dialog.type.count() > 1)
    type_text(qtbot, dialog.findChild(QLineEdit, "name"), "Piscine")
    kind = dialog.findChild(QComboBox, "type_id")
    kind.setCurrentIndex(kind.findText("Piscine"))
    qtbot.mouseClick(dialog.findChild(type(view.edit_button), "copySiteAddress"),
                     Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.findChild(QLineEdit, "install_date"), "15/06/2021")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.ouvrages.rowCount() == 1)
    assert cells(view) == [["Piscine", "Piscine", "8 route de Thônes, 74210 Faverges",
                            "15/06/2021"]]

    view.ouvrages.selectRow(0)
    qtbot.mouseClick(view.findChild(type(view.edit_button), "renameOuvrage"),
                     Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QInputDialog, "askTextDialog")
    edit = ask.findChild(QLineEdit)
    edit.selectAll()
    type_text(qtbot, edit, "Piscine du haut")
    ask.accept()
    qtbot.waitUntil(lambda: cells(view)[0][0] == "Piscine du haut")
    assert [o.name for o in clients.get_client(ctx, client_id).ouvrages] == ["Piscine du haut"]


def test_a_bad_install_date_is_refused_in_french(qtbot, window, ctx):
    view = open_record(qtbot, window, add_client(ctx, last_name="Petit"))
    view.add_ouvrage()
    dialog = view.dialog
    type_text(qtbot, dialog.findChild(QLineEdit, "name"), "Poêle du salon")
    type_text(qtbot, dialog.findChild(QLineEdit, "install_date"), "31/02/2020")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(type(view.title), "install_dateError")
    assert error.isVisible()
    assert error.text() == "Date d'installation : « 31/02/2020 » n'est pas une date (JJ/MM/AAAA)."
    assert dialog.isVisible()


def test_delete_an_ouvrage_after_confirming(qtbot, window, ctx):
    from extradesk.services.clients import ouvrages
    from extradesk.services.dto import OuvrageInput

    client_id = add_client(ctx, last_name="Blanc")
    ouvrages.add_ouvrage(ctx, client_id, data=OuvrageInput(name="Cheminée"))
    view = open_record(qtbot, window, client_id)
    view.ouvrages.selectRow(0)
    view.delete_ouvrage()
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    assert box.text() == "Supprimer l'ouvrage « Cheminée » ?"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail.ouvrages == [])
    assert view.no_ouvrage.isVisible()


def test_archive_and_unarchive(qtbot, window, ctx):
    client_id = add_client(ctx, last_name="Roussel")
    with qtbot.waitSignal(window.clients_page.model.snapshot_loaded):
        window.clients_page.model.reload()
    assert window.clients_page.model.row_of(client_id) == 0
    view = open_record(qtbot, window, client_id)
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.archive_button.text() == "Désarchiver")
    assert clients.get_client(ctx, client_id).archived
    qtbot.waitUntil(lambda: window.clients_page.model.row_of(client_id) is None)
    assert window.clients_page.empty.isVisible() is False  # archived, not gone: no empty offer
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.archive_button.text() == "Archiver")
    assert not clients.get_client(ctx, client_id).archived
    qtbot.waitUntil(lambda: window.clients_page.model.row_of(client_id) == 0)
