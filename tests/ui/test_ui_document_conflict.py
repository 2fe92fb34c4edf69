"""One draft open on two PCs: the editor saves its header against the version it showed, so the
second save is refused in French naming who saved and when, and « Recharger » shows the stored
header. Each PC is its own Context (own user) and its own database worker, as in two processes.
The rule is the service's, so it holds on SQLite as on PostgreSQL: both are run."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from ui_helpers import add_client, type_text

from extradesk.core.clock import FixedClock
from extradesk.services import company, users
from extradesk.services.context import open_context
from extradesk.services.documents import drafts
from extradesk.services.dto import UserInput
from extradesk.ui.documents.editor import DocumentEditor
from extradesk.ui.tasks import Tasks


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")  # skipped, reason given, without a server
    return tmp_path / "shared.sqlite3"


@pytest.fixture
def two_pcs(qapp, database):
    """(office, laptop): Sophie and Marc, each with a Context and a worker on one database."""
    clock = FixedClock(datetime(2026, 11, 28, 9, 30, tzinfo=UTC))
    pcs = []
    for name, initials in (("Sophie Garnier", "SG"), ("Marc Lenoir", "ML")):
        context, _ = open_context(database, clock=clock)
        context.user_id, _ = users.create_user(context, UserInput(name=name,
                                                                  initials=initials))
        company.first_run_seen(context)
        pcs.append((context, Tasks(context)))
    yield pcs
    for context, tasks in pcs:
        tasks.shutdown(dispose=False)
        context.db.dispose()


def open_on(qtbot, tasks, document_id) -> DocumentEditor:
    editor = DocumentEditor(tasks, document_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=10_000)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)
    return editor


def idle(qtbot, *editors) -> None:
    for editor in editors:
        qtbot.waitUntil(lambda e=editor: e.tasks.pending == 0, timeout=10_000)


def test_the_second_save_of_a_draft_edited_on_two_pcs_is_refused_and_can_reload(
        qtbot, two_pcs):
    (office_ctx, office_tasks), (laptop_ctx, laptop_tasks) = two_pcs
    client_id = add_client(office_ctx, last_name="Dupont")
    quote_id = drafts.create_quote(office_ctx, client_id)[0]
    office = open_on(qtbot, office_tasks, quote_id)
    laptop = open_on(qtbot, laptop_tasks, quote_id)
    shown = drafts.version_of(laptop_ctx, quote_id)

    # Marc starts typing on the laptop; meanwhile Sophie saves her subject at the office.
    type_text(qtbot, laptop.header.subject, "Cuisine")
    type_text(qtbot, office.header.subject, "Salle de bains")
    office.header.save_now()
    idle(qtbot, office)
    assert drafts.get_document(office_ctx, quote_id).header.subject == "Salle de bains"
    assert not office.header.error.isVisible()

    laptop.header.save_now()  # Marc's header was read before Sophie's save
    idle(qtbot, laptop)
    qtbot.waitUntil(laptop.header.error.isVisible)
    message = laptop.header.error.text()
    assert "modifié entre-temps par Sophie Garnier (28/11/2026" in message
    assert "L'en-tête n'a pas été enregistré." in message
    assert laptop.reload_button.isVisible()
    # Nothing of Marc's overwrote Sophie's save; his text is still on his screen.
    assert drafts.get_document(laptop_ctx, quote_id).header.subject == "Salle de bains"
    assert laptop.header.subject.text() == "Cuisine"
    assert drafts.version_of(laptop_ctx, quote_id) > shown

    qtbot.mouseClick(laptop.reload_button, Qt.MouseButton.LeftButton)
    idle(qtbot, laptop)
    qtbot.waitUntil(lambda: laptop.header.subject.text() == "Salle de bains")
    assert not laptop.header.error.isVisible() and not laptop.reload_button.isVisible()

    # Reloaded, the laptop saves on the current version: accepted, the office then refused.
    laptop.header.subject.clear()
    type_text(qtbot, laptop.header.subject, "Cuisine et salle de bains")
    laptop.header.save_now()
    idle(qtbot, laptop)
    assert not laptop.header.error.isVisible()
    assert drafts.get_document(office_ctx, quote_id).header.subject == \
        "Cuisine et salle de bains"
    office.header.notes.setPlainText("Accès par le jardin")  # typed on a stale version
    office.header.save_now()
    idle(qtbot, office)
    qtbot.waitUntil(office.header.error.isVisible)
    assert "par Marc Lenoir" in office.header.error.text()


def test_quick_saves_in_one_editor_do_not_refuse_each_other(qtbot, two_pcs):
    """Two saves queued before the first one's refresh came back: the second is checked
    against the version the first wrote, not taken for another PC's change."""
    (office_ctx, office_tasks), _laptop = two_pcs
    quote_id = drafts.create_quote(office_ctx, add_client(office_ctx, last_name="Martin"))[0]
    office = open_on(qtbot, office_tasks, quote_id)
    type_text(qtbot, office.header.subject, "Toiture")
    office.header.save_now()
    type_text(qtbot, office.header.subject, " et gouttières")
    office.header.save_now()  # queued right behind the first, same shown version
    idle(qtbot, office)
    assert not office.header.error.isVisible()
    assert drafts.get_document(office_ctx, quote_id).header.subject == "Toiture et gouttières"
