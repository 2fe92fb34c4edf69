"""The habits read from the data (1, 2, 6–10) and the two extra checks: one small query
each, over indexes; none loads a list the size of the clients or documents tables."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import bindparam, text

from extradesk.core.workflow import DocumentKind, Status
from extradesk.models.types import UTCDateTime
from extradesk.services import usage
from extradesk.services.audit.dto import Finding, Item
from extradesk.services.audit.sales import times_sold
from extradesk.services.clients.first_page import display_name
from extradesk.services.context import Context
from extradesk.services.exports.catalog import EXPORTS

SHOWN = 20  # items listed under a finding (the count says how many in all)
TOP_SOLD = 20  # habit 8 looks at the most sold articles only: their notices matter most
RECENT_DAYS = 90  # an agenda in use: appointments from 90 days ago onwards
QUOTE_SILENT_DAYS = 30  # a sent quote with no answer after a month is « unanswered for long »


# The two NULL lookups on their own indexes, then only those rows read: « status IS NULL OR
# origin IS NULL » walked all 100,000 rows (265 ms against 0.1 ms with none missing).
_UNQUALIFIED = ("WHERE id IN (SELECT id FROM clients WHERE status_id IS NULL "
                "UNION SELECT id FROM clients WHERE origin_id IS NULL) AND archived = :no")


def unqualified_clients(conn) -> Finding | None:
    """Habit 1. Clients created from the search box are not marked as such, so every
    client with no status or no origin counts: the ones typed in a hurry are among them."""
    count = conn.execute(text(f"SELECT COUNT(*) FROM clients {_UNQUALIFIED}"),
                         {"no": False}).scalar()
    if not count:
        return None
    rows = conn.execute(text(
        f"SELECT id, last_name, first_name, company FROM clients {_UNQUALIFIED} "
        "ORDER BY id DESC LIMIT :n"), {"no": False, "n": SHOWN})
    return Finding("clients_unqualified", 1, count, "clients",
                   items=tuple(Item(r[0], display_name(r[1], r[2], r[3])) for r in rows))


def documents_hint(ctx: Context, conn) -> Finding | None:
    """Habit 2: `**name` lists a client's documents; users who never typed it get the hint
    (only once there are documents to find)."""
    if conn.execute(text("SELECT 1 FROM documents LIMIT 1")).first() is None:
        return None
    used = usage.users_who_used(ctx, usage.DOCUMENTS_SEARCH)
    users = [Item(i, name) for i, name in conn.execute(text(
        "SELECT id, name FROM users WHERE active = :yes ORDER BY name"), {"yes": True})
        if i not in used]
    if not users:
        return None
    return Finding("documents_hint", 2, len(users), "search", items=tuple(users))


def _articles(conn) -> dict[str, tuple[int, str, bool, bool]]:
    """{code_key: (id, « CODE — libellé », to classify, has a notice)} of active articles."""
    rows = conn.execute(text(
        "SELECT a.id, a.code, a.code_key, a.label, "
        "  (a.family_id IS NULL OR acc.waiting = :yes) AS to_classify, "
        "  EXISTS (SELECT 1 FROM article_notices n WHERE n.article_id = a.id) AS noticed "
        "FROM articles a JOIN accounting_accounts acc ON acc.id = a.account_id "
        "WHERE a.active = :yes"), {"yes": True})
    return {r.code_key: (r.id, f"{r.code} — {r.label}", bool(r.to_classify), bool(r.noticed))
            for r in rows}


def articles(conn) -> list[Finding]:
    """Habit 6: articles in the waiting account (707900) or with no family; habit 8: the
    most sold articles with no technical notice. Both ranked by times sold."""
    known = _articles(conn)
    if not known:
        return []
    sold = times_sold(conn)
    ranked = sorted(known.items(), key=lambda kv: (-sold.get(kv[0], 0), kv[1][1]))
    result = []
    unclassified = [Item(a[0], a[1], sold.get(k, 0)) for k, a in ranked if a[2]]
    if unclassified:
        result.append(Finding("articles_unclassified", 6, len(unclassified),
                              "articles:to_classify", items=tuple(unclassified[:SHOWN])))
    top = [(k, a) for k, a in ranked if sold.get(k, 0)][:TOP_SOLD]
    bare = [Item(a[0], a[1], sold[k]) for k, a in top if not a[3]]
    if bare:
        result.append(Finding("articles_no_notice", 8, len(bare), "articles:notices",
                              items=tuple(bare)))
    return result


def agenda_sync(ctx: Context, conn) -> Finding | None:
    """Habit 7: users with appointments whose phone sync is off (no account, or disabled)
    or failing (the last sync ended with an error)."""
    since = ctx.clock.now() - timedelta(days=RECENT_DAYS)
    rows = conn.execute(text(
        "SELECT u.id, u.name, "
        "  (SELECT COUNT(*) FROM caldav_accounts c WHERE c.user_id = u.id "
        "     AND c.enabled = :yes) AS enabled, "
        "  (SELECT COUNT(*) FROM caldav_accounts c WHERE c.user_id = u.id "
        "     AND c.enabled = :yes AND c.last_error IS NOT NULL) AS failing "
        "FROM users u WHERE u.active = :yes AND EXISTS (SELECT 1 FROM appointment_users au "
        "  JOIN appointments a ON a.id = au.appointment_id "
        "  WHERE au.user_id = u.id AND au.start_utc >= :since AND a.deleted_at IS NULL) "
        "ORDER BY u.name").bindparams(bindparam("since", type_=UTCDateTime)),
        {"yes": True, "since": since})
    items = [Item(r.id, r.name, detail="failing" if r.failing else "off")
             for r in rows if r.failing or not r.enabled]
    if not items:
        return None
    return Finding("agenda_sync", 7, len(items), "agenda:account", items=tuple(items))


def exports_unused(ctx: Context, conn) -> Finding | None:
    """Habit 9: exports nobody opened, once there are invoices to export."""
    if conn.execute(text("SELECT 1 FROM documents WHERE kind = :k LIMIT 1"),
                    {"k": str(DocumentKind.INVOICE)}).first() is None:
        return None
    used = usage.used_prefixed(ctx, usage.EXPORT_PREFIX)
    never = [Item(n, name) for n, name in enumerate(EXPORTS, 1)
             if usage.EXPORT_PREFIX + name not in used]
    if not never:
        return None
    return Finding("exports_unused", 9, len(never), "exports", items=tuple(never))


def sms_unused(ctx: Context, conn) -> Finding | None:
    """Habit 10: appointments with clients, and not one SMS reminder ever planned. The
    detail says whether an SMS gateway is set up at all."""
    if conn.execute(text("SELECT 1 FROM sms_reminders LIMIT 1")).first() is not None:
        return None
    since = ctx.clock.now() - timedelta(days=RECENT_DAYS)
    count = conn.execute(text(
        "SELECT COUNT(*) FROM appointments WHERE client_id IS NOT NULL "
        "AND deleted_at IS NULL AND start_utc >= :since"
    ).bindparams(bindparam("since", type_=UTCDateTime)), {"since": since}).scalar()
    if not count:
        return None
    gateway = conn.execute(text("SELECT 1 FROM sms_settings LIMIT 1")).first() is not None
    return Finding("sms_unused", 10, count, "sms",
                   detail="no_reminder" if gateway else "no_gateway")


def mail_copy_without_email(conn) -> Finding | None:
    """Extra (the seed's mail advice): « copie par e-mail » on, but no address to copy to."""
    rows = conn.execute(text(
        "SELECT u.id, u.name FROM users u JOIN user_preferences p ON p.user_id = u.id "
        "WHERE p.key = :key AND p.value = :on AND u.active = :yes "
        "AND (u.email IS NULL OR u.email = '') ORDER BY u.name"),
        {"key": "mail.copy_to_me", "on": "true", "yes": True}).all()
    if not rows:
        return None
    return Finding("mail_copy_no_email", None, len(rows), "users",
                   items=tuple(Item(r[0], r[1]) for r in rows))


def quotes_unanswered(ctx: Context, conn) -> Finding | None:
    """Extra: quotes sent over a month ago and still neither accepted nor refused."""
    before = ctx.clock.today() - timedelta(days=QUOTE_SILENT_DAYS)
    params = {"kind": str(DocumentKind.QUOTE), "sent": str(Status.SENT), "before": before}
    where = "WHERE kind = :kind AND status = :sent AND issue_date <= :before"
    count = conn.execute(text(f"SELECT COUNT(*) FROM documents {where}"), params).scalar()
    if not count:
        return None
    today = ctx.clock.today()
    rows = conn.execute(text(f"SELECT id, number, issue_date FROM documents {where} "
                             "ORDER BY issue_date, id LIMIT :n"), {**params, "n": SHOWN})
    items = tuple(Item(r[0], r[1] or "", (today - _day(r[2])).days) for r in rows)
    return Finding("quotes_unanswered", None, count, "documents:quotes_sent", items=items)


def _day(value):
    """A Date column read through text(): SQLite hands back the stored ISO text."""
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(value)
