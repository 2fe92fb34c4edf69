"""The « Envoi » list: outbox items as an id snapshot with lazy pages, filtered by state in
SQL, errors in French; it passes the Qt model tester."""

from __future__ import annotations

import pytest

from extradesk.db.session import unit_of_work
from extradesk.services.outbox import queue, sender
from extradesk.ui.tablemodels.outbox_model import OutboxModel


@pytest.fixture
def queued(ctx):
    messages = [queue.Message(channel="mail", kind="alerte", to=[f"client{n}@exemple.fr"],
                              subject=f"Message {n}", body="Bonjour", sender="a@b.fr")
                for n in range(450)]
    with unit_of_work(ctx.db, write=True) as session:
        return queue.enqueue_many(session.connection(), ctx, messages)


def test_outbox_model_is_lazy_filters_in_sql_and_passes_the_model_tester(
        qtbot, qtmodeltester, tasks, idle, ctx, queued):
    # Nobody has an SMTP account: the 200 first due items wait, with the reason in French.
    report, _ = sender.send_due(ctx, item_ids=queued[-3:])
    assert report.deferred == 3
    model = OutboxModel(tasks)
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload()
    assert model.rowCount() == 200 and not model.complete
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.ids_loaded):
        pass
    assert model.rowCount() == 450 and model.count_known
    assert model.item_id(0) == queued[-1]  # newest first
    idle()
    row = model.row_values(0)
    assert row.texts[1:5] == ("client449@exemple.fr", "Message 449", "en attente", "1")
    assert row.texts[5].startswith("Le compte d'envoi de ce message a été supprimé")
    assert model.index(3, 5).data() is None  # no error on a mail not tried yet
    qtbot.waitUntil(lambda: model.index(449, 2).data() == "Message 0")
    qtmodeltester.check(model)

    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload(states=frozenset({"sent"}))
    assert model.rowCount() == 0
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload(states=frozenset({"pending"}), descending=False)
    assert model.item_id(0) == queued[0]
    idle()
