"""Write tests/data/schemas/<head>.sqlite3: a small database at the current schema, with data.

Run once per shipped schema revision (`python tests/data/make_schema_fixture.py`) and commit
the file; tests/migrations upgrades every fixture in that folder to the current head.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from extradesk.core.clock import FixedClock
from extradesk.db.migrate import head_revision
from extradesk.services import clients, ouvrages, users
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput, OuvrageInput

FOLDER = Path(__file__).with_name("schemas")


def main() -> int:
    target = FOLDER / f"{head_revision()}.sqlite3"
    target.unlink(missing_ok=True)
    ctx, _ = open_context(target, clock=FixedClock(datetime(2026, 11, 28, 9, tzinfo=UTC)))
    ctx.user_id = users.ensure_a_user(ctx)
    helene, _ = clients.create_client(ctx, ClientInput(
        last_name="Dupont", first_name="Hélène", billing_postal_code="69003",
        billing_city="Lyon", phone_mobile="0612345678", email="helene@exemple.fr", status_id=3))
    ouvrages.add_ouvrage(ctx, helene, OuvrageInput(name="Piscine 8×4", type_id=1))
    clients.create_client(ctx, ClientInput(company="Camping du Lac", billing_city="Annecy",
                                           billing_postal_code="74000"))
    ctx.db.dispose()
    with sqlite3.connect(target) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    with sqlite3.connect(target) as conn:
        conn.execute("VACUUM")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
