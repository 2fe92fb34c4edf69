"""The preferences dialog behind the gear, driven like a person would: each change is seen
where it belongs (the theme of the running application, the next PDF, the next client form,
the Pièces list), and bad input is refused in French with nothing saved."""

from __future__ import annotations

from datetime import date

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from ui_helpers import open_section, type_text

import radicale_server
from extradesk.services import preferences, references
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput
from extradesk.ui.dialogs.client_dialog import ClientDialog
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.style import apply_theme

LEFT = Qt.MouseButton.LeftButton


def open_dialog(qtbot, window, section: str):
    qtbot.mouseClick(window.gear, LEFT)
    dialog = window.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    open_section(qtbot, dialog, section)
    return dialog


def save(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, LEFT)


def tick(qtbot, box) -> None:
    """On the box itself (the label side of a wide check box does not toggle it)."""
    qtbot.waitUntil(lambda: box.isVisible() and box.width() > 20)
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


@pytest.fixture
def system_theme():
    yield
    apply_theme("system")  # the other tests share the application


def test_the_dark_theme_applies_at_once_to_the_running_application(qtbot, window, ctx, idle,
                                                                   system_theme):
    before = QApplication.palette().color(QPalette.ColorRole.Window).lightness()
    assert before > 128  # the offscreen platform starts light
    dialog = open_dialog(qtbot, window, "appearance")
    theme = dialog.editors["appearance.theme"]
    assert theme.buttons["system"].isChecked()
    tick(qtbot, theme.buttons["dark"])
    save(qtbot, dialog)
    assert preferences.get(ctx, "appearance.theme") == "dark"
    # No restart: the open main window is repainted dark.
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() < 80)
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 80
    dialog = open_dialog(qtbot, window, "appearance")
    tick(qtbot, dialog.editors["appearance.theme"].buttons["light"])
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() > 200)
    idle()


def test_line_numbers_appear_on_the_next_pdf(qtbot, window, ctx, tasks, idle):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Dupont"))
    quote, _ = documents.create_quote(ctx, client_id)
    for label in ("Liner 75/100e", "Margelles en pierre"):
        lines.add_line(ctx, quote, data=LineInput(code="L", label=label, quantity="1", unit="u",
                                                  unit_price="100", vat_rate="20"))

    def pdf_text() -> str:
        result = []
        documents_ops.render_pdf(tasks, None, document_id=quote, on_done=result.append)
        qtbot.waitUntil(lambda: bool(result), timeout=10_000)
        import io

        reader = pypdf.PdfReader(io.BytesIO(result[0][0]))
        return "\n".join(page.extract_text() for page in reader.pages)

    assert "\n2\nMargelles en pierre" not in pdf_text()
    dialog = open_dialog(qtbot, window, "documents")
    box = dialog.editors["documents.line_numbers"].box
    assert not box.isChecked()
    tick(qtbot, box)
    save(qtbot, dialog)
    text = pdf_text()
    assert "\n1\nLiner 75/100e" in text and "\n2\nMargelles en pierre" in text
    idle()


def test_client_creation_defaults_and_a_mandatory_field(qtbot, window, ctx, idle):
    dialog = open_dialog(qtbot, window, "clients")
    choose(dialog.editors["clients.default_civility"].combo, "Mme")
    choose(dialog.editors["clients.default_status"].combo, "Prospect")
    choose(dialog.editors["clients.default_origin"].combo, "Salon")
    required = dialog.editors["clients.required_fields"].list
    phone = next(required.item(i) for i in range(required.count())
                 if required.item(i).text() == "Un téléphone")
    rect = required.visualItemRect(phone)  # its check box, at the left of the row
    qtbot.mouseClick(required.viewport(), LEFT, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert phone.checkState() == Qt.CheckState.Checked
    save(qtbot, dialog)
    assert preferences.get(ctx, "clients.required_fields") == ("phone",)

    qtbot.mouseClick(window.add_button, LEFT)
    form = window.dialog
    assert isinstance(form, ClientDialog)
    qtbot.waitUntil(lambda: form.combos["origin_id"].count() > 1)
    assert form.combos["civility_id"].currentText() == "Mme"
    assert form.combos["status_id"].currentText() == "Prospect"
    assert form.combos["origin_id"].currentText() == "Salon"
    type_text(qtbot, form.edits["last_name"], "Lefèvre")
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: form.save_button.isEnabled() and not form.errors.panel.isHidden())
    assert "Téléphone : ce champ est obligatoire pour un nouveau client" in \
        form.findChild(type(form.errors.summary), "phone_mobileError").text()
    assert form.isVisible()  # refused: nothing saved
    type_text(qtbot, form.edits["phone_mobile"], "06 12 34 56 78")
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.mouseClick(form.save_button, LEFT)
    detail = clients.get_client(ctx, saved.args[0])
    assert (detail.civility, detail.status, detail.origin) == ("Mme", "Prospect", "Salon")
    idle()


def test_a_background_that_is_not_an_image_is_refused(qtbot, window, ctx, tmp_path, idle):
    text = tmp_path / "devis.txt"
    text.write_text("Ceci n'est pas une image.")
    dialog = open_dialog(qtbot, window, "appearance")
    edit = dialog.editors["appearance.home_background"].edit
    type_text(qtbot, edit, str(text))
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert dialog.error.text() == f"« {text} » n'est pas une image (PNG, JPEG, GIF, BMP ou WebP)."
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert preferences.get(ctx, "appearance.home_background") == ""
    dialog.reject()
    idle()


def test_the_documents_list_opens_on_the_preferred_filter(qtbot, ctx, tasks, idle):
    from extradesk.ui.main_window import MainWindow

    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Dupont"))
    documents.create_quote(ctx, client_id, issue_date=date(2026, 11, 2))
    documents.create_document(ctx, "facture", client_id=client_id, issue_date=date(2026, 3, 2))
    documents.create_document(ctx, "facture", client_id=client_id, issue_date=date(2025, 3, 2))
    preferences.set_values(ctx, values={"documents.filter_kind": "facture",
                                        "documents.filter_period": "year"})
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    window.show()
    window.start_session()
    qtbot.waitUntil(lambda: window.ready and window.documents_page is not None, timeout=15_000)
    window.tabs.setCurrentIndex(1)
    page = window.documents_page
    qtbot.waitUntil(lambda: page.model.complete, timeout=10_000)
    assert page.kind_filter.currentText() == "Facture"
    assert page.period_filter.currentText() == "Cette année"
    assert page.model.rowCount() == 1  # this year's invoice only
    idle()


def test_a_reference_made_inactive_stays_shown_where_it_was_chosen(qtbot, window, ctx, idle):
    salon = next(i for i in references.list_items(ctx, "origin") if i.label == "Salon")
    preferences.set_value(ctx, "clients.default_origin", value=salon.id)
    references.set_active(ctx, "origin", item_id=salon.id, active=False)
    dialog = open_dialog(qtbot, window, "clients")
    assert dialog.editors["clients.default_origin"].combo.currentText() == "Salon"
    dialog.reject()
    idle()


def test_dashboard_tiles_are_chosen_and_ordered(qtbot, window, ctx, idle):
    dialog = open_dialog(qtbot, window, "dashboard")
    tiles = dialog.editors["dashboard.tiles"].list

    def row_of(text: str) -> int:
        return next(i for i in range(tiles.count()) if tiles.item(i).text() == text)

    def click(text: str, *, on_box: bool) -> None:
        rect = tiles.visualItemRect(tiles.item(row_of(text)))
        x = rect.left() + 10 if on_box else rect.center().x()
        qtbot.mouseClick(tiles.viewport(), LEFT, pos=QPoint(x, rect.center().y()))

    click("Encaissements", on_box=False)  # select the row (its text, not its box)
    up = dialog.findChild(type(dialog.save_button), "prefMove-1")
    for _ in range(4):
        qtbot.mouseClick(up, LEFT)
    assert row_of("Encaissements") == 0
    click("Bons réflexes", on_box=True)  # untick
    save(qtbot, dialog)
    assert preferences.get(ctx, "dashboard.tiles") == (
        "cash", "revenue", "quotes", "followups", "overdue", "appointments", "outbox")
    dialog = open_dialog(qtbot, window, "dashboard")  # shown again as saved
    tiles = dialog.editors["dashboard.tiles"].list
    assert [tiles.item(i).text() for i in range(2)] == ["Encaissements", "Chiffre d'affaires"]
    assert tiles.item(tiles.count() - 1).checkState() == Qt.CheckState.Unchecked
    dialog.reject()
    idle()


radicale = pytest.fixture(scope="module")(radicale_server.serve)


def test_the_agenda_automatic_sync_is_switched_here(qtbot, window, ctx, radicale,
                                                    memory_keyring, idle):
    from extradesk.services.agenda import accounts

    name, _url = radicale_server.new_calendar(radicale)
    accounts.save_account(ctx, ctx.user_id, url=radicale.url, login="marc",
                          password=radicale_server.PASSWORDS["marc"], calendar=name)
    window.open_preferences()
    dialog = window.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    open_section(qtbot, dialog, "agenda")
    qtbot.waitUntil(dialog.auto_sync.isEnabled)
    assert dialog.auto_sync.isChecked()
    tick(qtbot, dialog.auto_sync)
    save(qtbot, dialog)
    assert accounts.get_account(ctx, ctx.user_id).enabled is False
    idle()


def test_each_user_starts_in_their_own_theme(qtbot, ctx, tasks, idle, system_theme):
    from extradesk.services import users
    from extradesk.services.dto import UserInput
    from extradesk.ui.main_window import MainWindow

    other, _ = users.create_user(ctx, UserInput(name="Marie Curie", initials="MC"))
    preferences.set_value(ctx, "appearance.theme", value="dark")  # the first user's
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    window.show()
    window.start_session()
    qtbot.waitUntil(lambda: window.ready, timeout=15_000)
    dark = QPalette.ColorRole.Window

    qtbot.waitUntil(lambda: window.palette().color(dark).lightness() < 80)
    button = window.user_button
    qtbot.waitUntil(lambda: button.action_for(other) is not None)
    button.action_for(other).trigger()  # Marie never chose: the system's look again
    qtbot.waitUntil(lambda: window.palette().color(dark).lightness() > 128)
    idle()
