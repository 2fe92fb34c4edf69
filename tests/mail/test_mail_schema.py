"""Schema 0008 as shipped: the fixture's account, template and outbox read back through the
services (tests/migrations upgrades every fixture; this one checks the mail tables)."""

from __future__ import annotations

import shutil
from pathlib import Path

from extradesk.i18n.messages import text
from extradesk.services.context import open_context
from extradesk.services.mail import accounts, templates
from extradesk.services.outbox import items

FIXTURE = Path(__file__).parents[1] / "data" / "schemas" / "0009.sqlite3"


def test_the_0008_fixture_reads_back(tmp_path):
    path = tmp_path / "client.sqlite3"
    shutil.copy(FIXTURE, path)
    ctx, _ = open_context(path)
    try:
        account = accounts.get_account(ctx, 1)
        assert (account.host, account.port, account.security) == ("ssl0.ovh.net", 465, "ssl")
        assert templates.get_template(ctx, "devis") == ("Votre devis {numero}",
                                                        "Bonjour {civilite} {nom},")
        alert, quote = items.list_items(ctx)
        assert (quote.state, quote.files, quote.sent_at is not None) == (
            "sent", ("Devis D-2026-00001 - DUPONT Hélène.pdf",), True)
        assert alert.state == "pending" and items.count_waiting(ctx) == 1
        assert text(alert.error, **alert.error_params).startswith(
            "Aucun serveur ne répond sur ssl0.ovh.net:465")
        assert [r.id for r in items.list_items(ctx, client_id=1)] == [2, 1]
    finally:
        ctx.db.dispose()
