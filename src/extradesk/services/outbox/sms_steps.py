"""The SMS half of the outbox sender as three steps, for the application: claim and read
(database worker) -> hand to the gateway (network pool, no Context) -> record (database
worker). The same rules as sms_sender.drain: a commercial SMS to a number that said STOP is
cancelled, one outside the sending window waits for the next slot, and a gateway failure
(keys, credit, the phone away) keeps this item and the rest of the batch with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from extradesk.core.changes import Changes
from extradesk.core.errors import ExternalServiceError
from extradesk.core.sending_window import Window
from extradesk.services.context import Context
from extradesk.services.outbox import sms_channel
from extradesk.services.outbox.queue import CANCELLED, OUT, PENDING
from extradesk.services.outbox.sender import SendReport, _claim, _record_failure
from extradesk.services.outbox.sms_sender import (
    _GATEWAY_DOWN,
    _settle_sent,
    _settle_sms,
    _sms_out,
)

_C = OUT.c


@dataclass(frozen=True)
class SmsItem:
    id: int
    attempts: int
    key: str  # the gateway's idempotency key (from the Message-ID)
    to: str
    text: str
    commercial: bool
    opted_out: bool


@dataclass(frozen=True)
class SmsBatch:
    items: tuple[SmsItem, ...]
    config: object  # sync.sms_gateways.GatewayConfig, or the ExternalServiceError reading it
    window: Window
    now: datetime

    @property
    def size(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class SmsOutcome:
    item: SmsItem
    reference: str | None = None  # the gateway took it
    error: ExternalServiceError | None = None
    keep: bool = False  # a gateway problem: wait with backoff even if not retryable
    opted_out: bool = False
    due: datetime | None = None  # outside the window: wait until then


def claim_sms_batch(ctx: Context, *, limit: int = 10, timeout: float = 20.0
                    ) -> SmsBatch | None:
    """Claim up to `limit` due SMS and read what sending them needs (the gateway's keys from
    the keyring included); None when none is due."""
    claimed = _claim(ctx, None, "sms", limit=limit)
    if not claimed:
        return None
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_C.id, _C.attempts, _C.kind, _C.message_id,
                                   _C.recipients, _C.body).where(_C.id.in_(claimed))
                            .order_by(_C.id)).all()
        settings = sms_channel.settings_row(conn)
        stopped = sms_channel.opted_out(conn, [sms_channel.recipient(r) for r in rows
                                               if r.kind in sms_channel.COMMERCIAL_KINDS])
    items = []
    for r in rows:
        to, commercial = sms_channel.recipient(r), r.kind in sms_channel.COMMERCIAL_KINDS
        items.append(SmsItem(r.id, r.attempts, sms_channel.gateway_key(r.message_id), to,
                             r.body, commercial, commercial and to in stopped))
    try:
        config = sms_channel.config_of(settings, timeout=timeout)
    except ExternalServiceError as error:
        config = error
    return SmsBatch(tuple(items), config, sms_channel.window_of(settings), ctx.clock.now())


def deliver_sms(batch: SmsBatch) -> list[SmsOutcome]:
    """Hand the claimed SMS to the gateway, over one HTTP session (network only)."""
    if isinstance(batch.config, ExternalServiceError):
        return [SmsOutcome(item, error=batch.config, keep=True) for item in batch.items]
    from extradesk.sync import sms_gateways

    outcomes: list[SmsOutcome] = []
    with sms_gateways.new_session() as http:
        for position, item in enumerate(batch.items):
            if item.opted_out:
                outcomes.append(SmsOutcome(item, opted_out=True))
                continue
            if item.commercial and not batch.window.allows(batch.now):
                outcomes.append(SmsOutcome(item, due=batch.window.next_slot(batch.now)))
                continue
            try:
                sent = sms_gateways.send(batch.config, sms_gateways.Outgoing(
                    item.key, item.to, item.text, item.commercial), session=http)
            except ExternalServiceError as error:
                if error.message_id not in _GATEWAY_DOWN:  # this message only (its number…)
                    outcomes.append(SmsOutcome(item, error=error))
                    continue
                outcomes.extend(SmsOutcome(rest, error=error, keep=True)
                                for rest in batch.items[position:])
                break
            outcomes.append(SmsOutcome(item, reference=sent.reference))
    return outcomes


def record_sms(ctx: Context, *, outcomes: list[SmsOutcome]) -> tuple[SendReport, Changes]:
    """Write what deliver_sms learnt; the "sent" marks share one commit."""
    report = SendReport()
    sent = []
    for outcome in outcomes:
        item = outcome.item
        if outcome.reference is not None:
            sent.append((item.id, outcome.reference))
        elif outcome.opted_out:
            _settle_sms(ctx, item.id, report, state=CANCELLED, error="sms.opted_out")
            report.opted_out += 1
        elif outcome.due is not None:
            _settle_sms(ctx, item.id, report, state=PENDING, due=outcome.due,
                        attempts=item.attempts - 1)
            report.postponed += 1
        else:
            _record_failure(ctx, _sms_out(item), outcome.error, report, keep=outcome.keep)
    if sent:
        _settle_sent(ctx, sent, report)
    return report, Changes(outbox=frozenset(report.ids)) if report.ids else Changes()

