"""The register of consents to commercial SMS and the opt-outs (a STOP received or entered by
hand): an opted-out number gets no commercial message from anywhere, at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.db.session import unit_of_work
from extradesk.i18n.sms import STOP_WORDS
from extradesk.models import Client, SmsConsent, SmsOptOut
from extradesk.services.context import Context
from extradesk.services.sms.gateway import mobile_number

_C = SmsConsent.__table__
_O = SmsOptOut.__table__
_CL = Client.__table__.c


@dataclass(frozen=True)
class Consent:
    client_id: int
    given_at: datetime
    source: str


def record_consent(ctx: Context, client_id: int, *, source: str,
                   given_at: datetime | None = None) -> Changes:
    """Who, when, how: kept until withdrawn (a new consent replaces the previous one)."""
    if not source.strip():
        raise ValidationError([Problem("source", "sms.consent_source_required")])
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if conn.execute(select(_CL.id).where(_CL.id == client_id)).scalar() is None:
            raise NotFoundError("client.not_found", id=client_id)
        conn.execute(delete(_C).where(_C.c.client_id == client_id))
        conn.execute(_C.insert().values(client_id=client_id, given_at=given_at or ctx.clock.now(),
                                        source=source.strip()[:100], recorded_by=ctx.user_id))
    return Changes(clients=frozenset({client_id}))


def withdraw_consent(ctx: Context, client_id: int) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(delete(_C).where(_C.c.client_id == client_id))
    return Changes(clients=frozenset({client_id}))


def get_consent(ctx: Context, client_id: int) -> Consent | None:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(_C).where(_C.c.client_id == client_id)).first()
    return Consent(row.client_id, row.given_at, row.source) if row else None


def is_stop(text: str) -> bool:
    return " ".join(text.lower().split()).strip(" .!") in STOP_WORDS


def opt_out(ctx: Context, *, number: str, source: str = "manual") -> Changes:
    """Record an opt-out (`source` stop or manual). The outbox checks the register when a
    commercial message is about to leave, so what is already queued is held back too."""
    e164 = mobile_number(number) or number
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        client_id = conn.execute(select(_CL.id).where(_CL.phone_mobile == e164)
                                 .limit(1)).scalar()
        conn.execute(delete(_O).where(_O.c.number == e164))
        conn.execute(_O.insert().values(number=e164, at=now, source=source,
                                        client_id=client_id))
    return Changes(clients=frozenset({client_id}) if client_id else frozenset())


def receive(ctx: Context, *, number: str, text: str) -> bool:
    """An inbound SMS fetched from a gateway: a STOP opts the number out. True when it did."""
    if not is_stop(text):
        return False
    opt_out(ctx, number=number, source="stop")
    return True


def fetch_stops(ctx: Context, *, timeout: float = 20.0) -> int:
    """Read the answers received by the gateway (those with an inbound API) and record every
    STOP as an opt-out, then delete that STOP at the provider (other answers stay there for
    the user to read); returns the number of opt-outs. Read (settings) → network (no
    transaction held) → write → network: the application runs the same four steps on its
    database worker and network pool."""
    config = inbound_config(ctx, timeout=timeout)
    if config is None:
        return 0
    stops, _ = record_answers(ctx, answers=fetch_answers(config))
    forget_answers(config, ids=stops)
    return len(stops)


def inbound_config(ctx: Context, *, timeout: float = 20.0):
    """The gateway's settings and keys when its API lists the answers received (OVHcloud),
    else None (nothing to fetch)."""
    from extradesk.services.outbox import sms_channel
    from extradesk.sync import sms_gateways

    with ctx.db.engine.connect() as conn:
        row = sms_channel.settings_row(conn)
    if row is None or row.kind not in sms_gateways.INBOUND:
        return None
    return sms_channel.config_of(row, timeout=timeout)


def fetch_answers(config) -> list:
    """The network step: the answers waiting at the provider (no Context)."""
    from extradesk.sync import sms_gateways

    return sms_gateways.fetch_incoming(config)


def record_answers(ctx: Context, *, answers: list) -> tuple[list[str], Changes]:
    """Every STOP among the answers recorded as an opt-out; returns the provider's ids of
    those STOPs (to delete there once recorded, never before) and what changed."""
    stops, changes = [], Changes()
    for answer in answers:
        if is_stop(answer.text):
            changes = changes | opt_out(ctx, number=answer.sender, source="stop")
            stops.append(answer.id)
    return stops, changes


def forget_answers(config, *, ids: list[str]) -> None:
    """The last network step: the recorded STOPs deleted at the provider."""
    from extradesk.sync import sms_gateways

    for incoming_id in ids:
        sms_gateways.forget_incoming(config, incoming_id)


def opt_in_again(ctx: Context, *, number: str) -> Changes:
    """The person asked to receive messages again (written proof expected)."""
    e164 = mobile_number(number) or number
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(delete(_O).where(_O.c.number == e164))
    return Changes()


def is_opted_out(ctx: Context, number: str) -> bool:
    e164 = mobile_number(number) or number
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(_O.c.number).where(_O.c.number == e164)).scalar() is not None
