"""SMS campaigns (commercial): a target, its recipients and those excluded (no mobile, no
consent, opted out) with the reason, the cost at the per-segment price, the text with the
STOP mention, and the queueing at the next allowed slot; then the report.

Targeting reads tuples (no entities) and queues with one multi-row insert, so 10,000
recipients among 100,000 clients take well under the two seconds the issue allows.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import and_, case, exists, func, select, update

from extradesk.core import sms_text
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.core.money import to_cents
from extradesk.db.session import unit_of_work
from extradesk.i18n.sms import STOP_MENTION
from extradesk.models import (
    Client,
    Document,
    Ouvrage,
    SmsCampaign,
    SmsCampaignRecipient,
    SmsConsent,
    SmsOptOut,
)
from extradesk.services import preferences
from extradesk.services.context import Context
from extradesk.services.outbox import queue, sms_channel
from extradesk.services.sms.gateway import mobile_number, sms_message
from extradesk.sync.sms_gateways import ADDS_STOP

_CL = Client.__table__.c
_OU = Ouvrage.__table__.c
_DOC = Document.__table__.c
_CO = SmsConsent.__table__.c
_CA = SmsCampaign.__table__
_CR = SmsCampaignRecipient.__table__
_OUT = queue.OUT.c
KIND = "campagne"  # a commercial kind for the outbox (sms_channel.COMMERCIAL_KINDS)
NO_MOBILE, NO_CONSENT, OPTED_OUT = "no_mobile", "no_consent", "opted_out"
LISTED = 500  # excluded clients listed by name; the counts are always complete


@dataclass(frozen=True)
class Target:
    status_ids: tuple[int, ...] = ()
    origin_ids: tuple[int, ...] = ()
    ouvrage_type_ids: tuple[int, ...] = ()
    place_prefix: str = ""  # a postal code or a city's first letters
    installed_before: date | None = None  # has an ouvrage installed before that day
    no_document_since: date | None = None  # no document dated that day or later


@dataclass(frozen=True)
class Excluded:
    client_id: int
    name: str
    reason: str  # no_mobile | no_consent | opted_out (i18n: sms.excluded.<reason>)


@dataclass(frozen=True)
class Preview:
    text: str  # as it will be sent (STOP mention included)
    info: sms_text.TextInfo
    recipients: int
    excluded: dict[str, int]  # reason -> count
    excluded_list: list[Excluded]  # the first LISTED, by name
    price_per_segment: Decimal
    cost: Decimal  # euros
    send_at: datetime  # the first allowed slot at or after the chosen time


@dataclass(frozen=True)
class CampaignReport:
    id: int
    name: str
    send_at: datetime
    recipients: int
    sent: int
    failed: int
    opted_out: int
    waiting: int
    cost: Decimal  # of the messages sent


@dataclass
class _Selection:
    recipients: list[tuple[int, str]] = field(default_factory=list)  # (client id, E.164)
    excluded: Counter = field(default_factory=Counter)
    listed: list[Excluded] = field(default_factory=list)


def _fast_mobile(phone: str | None) -> str | None:
    """Stored numbers are E.164 already: a French one is mobile by its prefix; anything
    else goes through phonenumbers."""
    if not phone:
        return None
    if phone.startswith("+33"):
        return phone if phone[3:4] in ("6", "7") and len(phone) == 12 else None
    return mobile_number(phone)


def _where(target: Target, *, by_name: bool = False):
    # coalesce() keeps SQLite off the (archived, sort_key) index: walking it means one random
    # row lookup per client, four times slower than reading the table straight through. The
    # alphabetical list of a few excluded clients (`by_name`) wants that index.
    conditions = [_CL.archived.is_(False) if by_name
                  else func.coalesce(_CL.archived, False).is_(False)]
    if target.status_ids:
        conditions.append(_CL.status_id.in_(target.status_ids))
    if target.origin_ids:
        conditions.append(_CL.origin_id.in_(target.origin_ids))
    if target.ouvrage_type_ids:
        conditions.append(exists().where(_OU.client_id == _CL.id,
                                         _OU.type_id.in_(target.ouvrage_type_ids)))
    if target.installed_before:
        conditions.append(exists().where(_OU.client_id == _CL.id,
                                         _OU.install_date < target.installed_before))
    prefix = target.place_prefix.strip()
    if prefix.isdigit():  # a postal-code range, straight off its index
        conditions.append(and_(_CL.billing_postal_code >= prefix,
                               _CL.billing_postal_code < prefix[:-1] + chr(ord(prefix[-1]) + 1)))
    elif prefix:
        conditions.append(func.lower(_CL.billing_city).like(
            prefix.lower().replace("%", r"\%").replace("_", r"\_") + "%", escape="\\"))
    if target.no_document_since:
        conditions.append(~exists().where(_DOC.client_id == _CL.id,
                                          _DOC.issue_date >= target.no_document_since))
    return and_(*conditions)


def _has_mobile():
    """SQL twin of _fast_mobile for counting: a French mobile in any slot, or a foreign
    number in the mobile slot."""
    def french(column):
        return column.like("+336%") | column.like("+337%")
    return (french(_CL.phone_mobile) | french(_CL.phone_home) | french(_CL.phone_work)
            | (_CL.phone_mobile.is_not(None) & ~_CL.phone_mobile.like("+33%")))


def _name(row) -> str:
    person = " ".join(p for p in ((row.last_name or "").upper(), row.first_name or "") if p)
    return person or row.company or ""


def _select(conn, target: Target) -> _Selection:
    """Clients with a consent are read and checked one by one (mobile, STOP); the others
    are only counted by SQL, and the first LISTED of them named, in alphabetical order."""
    where = _where(target)
    stopped = set(conn.execute(select(SmsOptOut.__table__.c.number)).scalars())
    people = (_CL.id, _CL.last_name, _CL.first_name, _CL.company, _CL.phone_mobile,
              _CL.phone_home, _CL.phone_work)
    chosen = _Selection()
    consented = select(*people).select_from(
        SmsConsent.__table__.join(Client.__table__, _CL.id == _CO.client_id)).where(where)
    for row in conn.execute(consented):
        number = (_fast_mobile(row.phone_mobile) or _fast_mobile(row.phone_home)
                  or _fast_mobile(row.phone_work))
        reason = NO_MOBILE if number is None else OPTED_OUT if number in stopped else None
        if reason is None:
            chosen.recipients.append((row.id, number))
        else:
            chosen.excluded[reason] += 1
            chosen.listed.append(Excluded(row.id, _name(row), reason))
    no_consent = ~exists().where(_CO.client_id == _CL.id)
    with_mobile, total = conn.execute(select(
        func.coalesce(func.sum(case((_has_mobile(), 1), else_=0)), 0), func.count())
        .where(where, no_consent)).one()
    chosen.excluded[NO_CONSENT] += with_mobile
    chosen.excluded[NO_MOBILE] += total - with_mobile
    chosen.excluded = +chosen.excluded  # drop the zero counts
    room = LISTED - len(chosen.listed)
    if room > 0:
        for row in conn.execute(select(*people).where(_where(target, by_name=True), no_consent)
                                .order_by(_CL.sort_key, _CL.id).limit(room)):
            mobile = (_fast_mobile(row.phone_mobile) or _fast_mobile(row.phone_home)
                      or _fast_mobile(row.phone_work))
            chosen.listed.append(Excluded(row.id, _name(row),
                                          NO_CONSENT if mobile else NO_MOBILE))
    chosen.listed = sorted(chosen.listed, key=lambda e: (e.name, e.client_id))[:LISTED]
    return chosen


def _price(ctx: Context) -> Decimal:
    raw = preferences.get(ctx, preferences.SMS_PRICE_PER_SEGMENT.key)
    try:
        return Decimal(str(raw))
    except ArithmeticError:
        return Decimal(str(preferences.SMS_PRICE_PER_SEGMENT.default))


def final_text(text: str, *, kind: str | None, stop_number: str | None) -> str:
    """The text with "STOP au …" appended when the provider does not add it itself."""
    if kind in ADDS_STOP:
        return text
    if not stop_number:
        raise ValidationError([Problem("stop_number", "sms.campaign_stop_number")])
    return f"{text.rstrip()} {STOP_MENTION.format(numero_stop=stop_number)}"


def _prepare(conn, ctx: Context, target: Target, text: str, send_at: datetime | None):
    if not text.strip():
        raise ValidationError([Problem("text", "sms.text_required")])
    row = sms_channel.settings_row(conn)
    full = final_text(text, kind=row.kind if row else None,
                      stop_number=row.stop_number if row else None)
    slot = sms_channel.window_of(row).next_slot(max(send_at or ctx.clock.now(),
                                                    ctx.clock.now()))
    return full, slot, _select(conn, target)


def preview(ctx: Context, *, target: Target, text: str,
            send_at: datetime | None = None) -> Preview:
    """Everything the campaign page shows before sending: counts, reasons, cost, slot."""
    with ctx.db.engine.connect() as conn:
        full, slot, chosen = _prepare(conn, ctx, target, text, send_at)
    info = sms_text.analyse(full)
    price = _price(ctx)
    cost = to_cents(price * info.segments * len(chosen.recipients))
    return Preview(full, info, len(chosen.recipients), dict(chosen.excluded), chosen.listed,
                   price, cost, slot)


def create_campaign(ctx: Context, *, name: str, target: Target, text: str,
                    send_at: datetime | None = None) -> tuple[int, Changes]:
    """Queue one commercial SMS per recipient, due at the first allowed slot (the outbox
    checks the window and the opt-outs again when each leaves)."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        full, slot, chosen = _prepare(conn, ctx, target, text, send_at)
        if not chosen.recipients:
            raise ValidationError([Problem("target", "sms.campaign_empty")])
        info = sms_text.analyse(full)
        now = ctx.clock.now()
        campaign_id = conn.execute(_CA.insert().values(
            name=name.strip() or full[:40], text=full, send_at=slot, segments=info.segments,
            encoding=info.encoding, price_per_segment=str(_price(ctx)),
            target=json.dumps(asdict(target), default=str),
            recipients=len(chosen.recipients), excluded=sum(chosen.excluded.values()),
            created_by=ctx.user_id, created_at=now)).inserted_primary_key[0]
        ids = _enqueue(conn, ctx, chosen.recipients, text=full, due=slot)
        conn.execute(_CR.insert(), [
            {"outbox_id": item_id, "campaign_id": campaign_id, "client_id": client_id}
            for item_id, (client_id, _number) in zip(ids, chosen.recipients, strict=True)])
    return campaign_id, Changes(outbox=frozenset(ids))


_COLUMNS = ("channel", "kind", "state", "message_id", "recipients", "to_display", "body",
            "attempts", "next_attempt_at", "client_id", "created_by", "created_at",
            "updated_at")


def _enqueue(conn, ctx: Context, recipients: list[tuple[int, str]], *, text: str,
             due: datetime) -> list[int]:
    """One outbox row per recipient, due at `due`. On SQLite the rows go through the
    driver's executemany in the storage format of UTCDateTime (SQLAlchemy's per-row
    parameter processing is most of the time of a 10,000-row insert); elsewhere through
    queue.enqueue_many."""
    if conn.dialect.name != "sqlite":
        ids = queue.enqueue_many(conn, ctx, [
            sms_message(kind=KIND, to=number, text=text, client_id=client_id)
            for client_id, number in recipients])
        conn.execute(update(queue.OUT).where(_OUT.id.in_(ids)).values(next_attempt_at=due))
        return ids
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    now = ctx.clock.now().astimezone(UTC).strftime(stamp)
    at = due.astimezone(UTC).strftime(stamp)
    rows = [("sms", KIND, queue.PENDING, queue.new_message_id(None),
             f'{{"to": ["{number}"], "cc": [], "bcc": []}}', number, text, 0, at, client_id,
             ctx.user_id, now, now) for client_id, number in recipients]
    before = conn.execute(select(func.max(_OUT.id))).scalar() or 0
    conn.exec_driver_sql(f"INSERT INTO outbox ({', '.join(_COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(_COLUMNS))})", rows)
    return list(conn.execute(select(_OUT.id).where(_OUT.id > before).order_by(_OUT.id))
                .scalars())


def report(ctx: Context, campaign_id: int) -> CampaignReport:
    """Sent, failed, opted out (held back by a STOP), waiting, and the cost of what left."""
    with ctx.db.engine.connect() as conn:
        campaign = conn.execute(select(_CA).where(_CA.c.id == campaign_id)).first()
        if campaign is None:
            raise NotFoundError("sms.campaign_not_found", id=campaign_id)
        return _reports(conn, [campaign])[0]


def list_campaigns(ctx: Context, *, limit: int = 100) -> list[CampaignReport]:
    """The latest campaigns, newest first, each with its report."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_CA).order_by(_CA.c.created_at.desc(), _CA.c.id.desc())
                            .limit(limit)).all()
        return _reports(conn, rows)


def _reports(conn, campaigns: list) -> list[CampaignReport]:
    """One grouped count over the outbox for all the campaigns asked."""
    counts: dict[int, Counter] = {c.id: Counter() for c in campaigns}
    if counts:
        for campaign_id, state, error, n in conn.execute(
                select(_CR.c.campaign_id, _OUT.state, _OUT.last_error, func.count())
                .select_from(_CR.join(queue.OUT, _OUT.id == _CR.c.outbox_id))
                .where(_CR.c.campaign_id.in_(list(counts)))
                .group_by(_CR.c.campaign_id, _OUT.state, _OUT.last_error)):
            key = "opted_out" if error == "sms.opted_out" else state
            counts[campaign_id][key] += n
    result = []
    for campaign in campaigns:
        done = counts[campaign.id]
        price = Decimal(campaign.price_per_segment)
        result.append(CampaignReport(
            campaign.id, campaign.name, campaign.send_at, campaign.recipients,
            done[queue.SENT], done[queue.FAILED], done["opted_out"], done[queue.PENDING],
            to_cents(price * campaign.segments * done[queue.SENT])))
    return result
