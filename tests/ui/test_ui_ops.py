"""ui/ops: an operation runs its service on the worker, shows a refusal in French over its
parent and publishes nothing, or publishes the Changes of a success exactly once."""

from __future__ import annotations

import subprocess
import sys

import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget
from ui_helpers import add_client, wait_for

from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput
from extradesk.ui import ops
from extradesk.ui.ops import clients as clients_ops


def published(tasks) -> list:
    seen: list = []
    tasks.changed.connect(seen.append)
    return seen


def test_a_refused_mutation_is_shown_in_french_over_its_parent_and_publishes_nothing(
        qtbot, tasks, idle):
    parent = QWidget()
    qtbot.addWidget(parent)
    changes, done = published(tasks), []
    clients_ops.save(tasks, parent, client_id=None, data=ClientInput(first_name="Hélène"),
                     on_done=done.append)
    box = wait_for(qtbot, QMessageBox, "errorBox")
    assert box.text() == "Indiquez un nom ou une raison sociale."
    assert box.parentWidget() is parent
    box.close()
    idle()
    assert changes == [] and done == []


def test_a_successful_mutation_publishes_its_changes_once_then_calls_on_done(
        qtbot, tasks, ctx, idle):
    parent = QWidget()
    qtbot.addWidget(parent)
    changes, done = published(tasks), []
    clients_ops.save(tasks, parent, client_id=None,
                     data=ClientInput(last_name="Dupont", first_name="Hélène"),
                     on_done=lambda result: done.append((result, list(changes))))
    idle()
    [((client_id, returned), seen_then)] = done
    assert changes == [returned]  # once
    assert seen_then == [returned]  # published before on_done runs
    assert client_id in returned.clients
    assert clients.get_client(ctx, client_id).name == "DUPONT Hélène"


def test_on_error_replaces_the_box_and_a_read_publishes_nothing(qtbot, tasks, ctx, idle):
    parent = QWidget()
    qtbot.addWidget(parent)
    changes, caught, shown = published(tasks), [], []
    clients_ops.get(tasks, parent, client_id=4242, on_error=caught.append)
    clients_ops.get(tasks, parent, client_id=add_client(ctx, last_name="Martin"),
                    on_done=shown.append)
    idle()
    assert [type(e).__name__ for e in caught] == ["NotFoundError"]
    assert [d.name for d in shown] == ["MARTIN"]
    assert changes == []


def test_a_closed_parent_gets_no_answer_but_the_change_is_published(qtbot, tasks, ctx, idle):
    parent = QWidget()
    client_id = add_client(ctx, last_name="Martin")
    changes, done = published(tasks), []
    ops.mutate(tasks, parent, lambda c: clients.set_archived(c, client_id, archived=True),
               on_done=done.append)
    shiboken6.delete(parent)  # closed while its job runs
    idle()
    assert done == [] and len(changes) == 1 and client_id in changes[0].clients


def test_ops_modules_load_no_service_and_no_sqlalchemy():
    """They are imported before the first paint: each imports its service inside the job."""
    names = ("agenda", "articles", "catalogues", "clients", "company", "database", "documents",
             "preferences", "references", "search", "users")
    code = ("import sys\n"
            + "".join(f"import extradesk.ui.ops.{n}\n" for n in names)
            + "print(sorted(m for m in sys.modules if m.startswith(('extradesk.services', "
              "'extradesk.models', 'sqlalchemy', 'sqlmodel'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
