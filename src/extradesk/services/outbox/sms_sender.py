"""The SMS half of the outbox sender: claimed like the mails, sent through the company's
gateway (services.outbox.sms_channel); a commercial SMS is checked against the opt-outs and
the sending window at the moment it would leave."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update

from extradesk.core.errors import ExternalServiceError
from extradesk.db.session import unit_of_work
from extradesk.services.context import Context
from extradesk.services.outbox.queue import CANCELLED, OUT, PENDING, SENT
from extradesk.services.outbox.sender import (
    SendReport,
    _claim,
    _Outgoing,
    _record_failure,
)

_C = OUT.c


# A failure of the gateway or of its settings, not of one message: this item and the rest
# of the batch wait with the reason (a key fixed, a credit topped up, and they all leave).
_GATEWAY_DOWN = frozenset({"sms.rate_limited", "sms.server_error", "sms.unreachable",
                           "sms.phone_unreachable", "sms.timeout", "sms.phone_timeout",
                           "sms.network", "sms.not_json", "sms.bad_key", "sms.no_credit",
                           "sms.sender_refused", "sms.no_gateway", "sms.secrets_missing",
                           "keyring.unavailable"})


def drain(ctx: Context, wanted: list[int] | None, report: SendReport, timeout: float,
               progress: Callable[[int, int], None] | None) -> None:
    if wanted is not None and not wanted:
        return
    claimed = _claim(ctx, wanted, "sms")
    if not claimed:
        return
    from extradesk.sync import sms_gateways  # requests loads on the first SMS, not at start

    with sms_gateways.new_session() as http:
        while claimed:
            if wanted is not None:
                wanted = [i for i in wanted if i not in claimed]
            _send_sms_batch(ctx, claimed, report, timeout, http)
            if progress is not None:
                done = report.sent + report.failed + report.deferred
                progress(done, done)
            if wanted is not None and not wanted:
                return
            claimed = _claim(ctx, wanted, "sms")


def _send_sms_batch(ctx: Context, ids: list[int], report: SendReport, timeout: float,
                    http) -> None:
    from extradesk.services.outbox import sms_channel
    from extradesk.sync import sms_gateways

    now = ctx.clock.now()
    with ctx.db.engine.connect() as conn:
        items = conn.execute(select(_C.id, _C.attempts, _C.kind, _C.message_id,
                                    _C.recipients, _C.body).where(_C.id.in_(ids))
                             .order_by(_C.id)).all()
        row = sms_channel.settings_row(conn)
        stopped = sms_channel.opted_out(conn, [sms_channel.recipient(i) for i in items
                                               if i.kind in sms_channel.COMMERCIAL_KINDS])
    window = sms_channel.window_of(row)
    try:
        config = sms_channel.config_of(row, timeout=timeout)
    except ExternalServiceError as error:
        for item in items:
            _record_failure(ctx, _sms_out(item), error, report, keep=True)
        return
    # An idempotent gateway (the message id) lets the batch's "sent" marks share one commit:
    # after a crash the retry is refused as a duplicate by the gateway and recorded as sent.
    grouped = [] if config.kind in sms_gateways.IDEMPOTENT else None
    try:
        _send_each(ctx, items, report, config, window, stopped, now, http, grouped)
    finally:
        if grouped:
            _settle_sent(ctx, grouped, report)


def _send_each(ctx, items, report, config, window, stopped, now, http, grouped) -> None:
    from extradesk.services.outbox import sms_channel
    from extradesk.sync import sms_gateways

    for position, item in enumerate(items):
        to, commercial = sms_channel.recipient(item), item.kind in sms_channel.COMMERCIAL_KINDS
        if commercial and to in stopped:
            _settle_sms(ctx, item.id, report, state=CANCELLED, error="sms.opted_out")
            report.opted_out += 1
            continue
        if commercial and not window.allows(now):
            _settle_sms(ctx, item.id, report, state=PENDING, due=window.next_slot(now),
                        attempts=item.attempts - 1)
            report.postponed += 1
            continue
        outgoing = sms_gateways.Outgoing(sms_channel.gateway_key(item.message_id), to,
                                         item.body, commercial)
        try:
            sent = sms_gateways.send(config, outgoing, session=http)
        except ExternalServiceError as error:
            if error.message_id not in _GATEWAY_DOWN:  # this message only (its number…)
                _record_failure(ctx, _sms_out(item), error, report)
                continue
            for rest in items[position:]:
                _record_failure(ctx, _sms_out(rest), error, report, keep=True)
            return
        if ctx.fault is not None:
            ctx.fault("outbox_accepted")
        if grouped is None:
            _settle_sms(ctx, item.id, report, state=SENT, reply=sent.reference)
            report.sent += 1
        else:
            grouped.append((item.id, sent.reference))


def _settle_sent(ctx: Context, sent: list[tuple[int, str]], report: SendReport) -> None:
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        for item_id, reference in sent:
            conn.execute(update(OUT).where(_C.id == item_id).values(
                state=SENT, sent_at=now, updated_at=now, server_reply=reference,
                last_error=None, last_error_params=None, next_attempt_at=None))
    report.sent += len(sent)
    report.ids.update(i for i, _ in sent)


def _sms_out(item) -> _Outgoing:
    return _Outgoing(item.id, item.attempts, None, None, "", [], None)


def _settle_sms(ctx: Context, item_id: int, report: SendReport, *, state: str,
                error: str | None = None, reply: str | None = None, due=None,
                attempts: int | None = None) -> None:
    now = ctx.clock.now()
    values = {"state": state, "updated_at": now, "last_error": error,
              "last_error_params": None, "next_attempt_at": due}
    if state == SENT:
        values.update(sent_at=now, server_reply=reply)
    if attempts is not None:
        values["attempts"] = attempts
    with unit_of_work(ctx.db, write=True) as session:
        query = update(OUT).where(_C.id == item_id)
        if state != SENT:  # a cancel meanwhile wins over a postponement
            query = query.where(_C.state == PENDING)
        session.connection().execute(query.values(**values))
    report.ids.add(item_id)
