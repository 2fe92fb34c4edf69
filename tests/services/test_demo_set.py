"""The demonstration set offered to users: clients, ouvrages, then their documents."""

from extradesk.services.clients import records as clients
from extradesk.services.demo import dataset as demo_set
from extradesk.services.documents import drafts as documents


def test_documents_go_to_the_new_clients_only_and_progress_reaches_the_end(ctx):
    first, _ = demo_set.generate(ctx, clients=40, seed=2, documents=False)
    assert first.documents == 0 and documents.count_documents(ctx) == 0
    seen = []
    report, changes = demo_set.generate(ctx, clients=80, seed=3, force=True,
                                        progress=lambda done, total: seen.append((done, total)))
    assert report.clients == 80 and report.documents == documents.count_documents(ctx) > 0
    assert changes.everything
    assert seen[-1] == (1000, 1000) and seen == sorted(seen)
    first_ids = set(sorted(clients.client_ids(ctx))[:40])
    owners = {documents.document_rows(ctx, [i])[0].client_id
              for i in documents.document_ids(ctx)}
    assert owners and not owners & first_ids  # the clients made before got none


def test_a_cancel_during_the_clients_makes_no_documents(ctx):
    report, _ = demo_set.generate(ctx, clients=30, cancelled=lambda: True)
    assert (report.clients, report.documents) == (0, 0)


def test_a_database_with_clients_is_refused_unless_forced(ctx):
    from extradesk.core.errors import StateError
    from extradesk.i18n.messages import error_text
    from extradesk.services.dto import ClientInput

    clients.create_client(ctx, ClientInput(last_name="Vrai client"))
    try:
        demo_set.generate(ctx, clients=10, documents=False)
    except StateError as refused:
        assert "La base contient déjà 1 client :" in error_text(refused)
    else:
        raise AssertionError("the demo went into a database with a real client")
    assert len(clients.client_ids(ctx)) == 1
