"""The whole demonstration set the CLI and the GUI offer: clients and ouvrages, documents, and
the article base (demo_articles).

services.demo.clients makes clients only (the search benchmarks need just those); this module adds
the commercial documents of the new clients (quotes with options and text lines, orders,
deposit and final invoices, credit notes over the last two years) with one progress bar.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from extradesk.core.changes import Changes
from extradesk.core.errors import StateError
from extradesk.models import Client
from extradesk.services.context import Context
from extradesk.services.demo import agenda as demo_agenda
from extradesk.services.demo import articles as demo_articles
from extradesk.services.demo import catalogue_files as demo_catalogues
from extradesk.services.demo import clients as demo
from extradesk.services.demo import company_identity as demo_company
from extradesk.services.demo import documents as demo_documents
from extradesk.services.demo import payments as demo_payments

CLIENT_SHARE = 0.8  # of the progress bar: clients are most of the work


@dataclass(frozen=True)
class DemoSetReport:
    clients: int
    ouvrages: int
    documents: int
    seconds: float
    articles: int = 0


def _last_client_id(ctx: Context) -> int:
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(func.max(Client.__table__.c.id))).scalar() or 0


def generate(
    ctx: Context,
    *,
    clients: int = 2000,
    seed: int = 1,
    documents: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    force: bool = False,
) -> tuple[DemoSetReport, Changes]:
    """Clients (see services.demo.clients.generate), then documents for those new clients.

    Refused on a database that already has clients unless `force`: fictional clients mixed
    into a real file cannot be told apart afterwards.
    progress(done, 1000): per mille of the whole job. A cancel during the clients keeps the
    committed chunks and makes no documents.
    """
    started = time.perf_counter()
    before = _last_client_id(ctx)
    if before and not force:
        with ctx.db.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(Client.__table__)).scalar()
        raise StateError("demo.not_empty", count=count)

    def scaled(start: float, width: float) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(int(1000 * (start + width * done / max(total, 1))),
                                            1000)

    demo_company.fill_company(ctx)  # documents print the seller: never an empty one
    share = CLIENT_SHARE if documents else 1.0
    people, _ = demo.generate(ctx, clients=clients, seed=seed, progress=scaled(0, share),
                              cancelled=cancelled)
    made_articles = 0
    if not (cancelled is not None and cancelled()):
        # The article base (a few hundred, whatever the number of clients) before the
        # documents, so their lines remember their article, family and account as typed ones do.
        made_articles = demo_articles.generate_articles(ctx, seed=seed)
    made = 0
    if documents and people.clients and not (cancelled is not None and cancelled()):
        with ctx.db.engine.connect() as conn:
            c = Client.__table__.c
            new_ids = list(conn.execute(select(c.id).where(c.id > before).order_by(c.id))
                           .scalars())
        report, _ = demo_documents.generate_documents(
            ctx, client_ids=new_ids, seed=seed, progress=scaled(share, 1 - share),
            cancelled=cancelled)
        made = report.documents
        demo_payments.generate_payments(ctx, client_ids=new_ids, seed=seed)
    if not (cancelled is not None and cancelled()):
        demo_catalogues.generate_catalogues(ctx, seed=seed)  # two supplier price files
    demo_agenda.generate_appointments(ctx, seed=seed, cancelled=cancelled)  # 2 years, ~1 s
    if progress is not None:
        progress(1000, 1000)
    return (DemoSetReport(clients=people.clients, ouvrages=people.ouvrages, documents=made,
                          seconds=time.perf_counter() - started, articles=made_articles),
            Changes(everything=True))
