"""The dashboard by e-mail: the same figures as the home page and its two charts as inline
PNG images, queued in the outbox for a user, by hand or when their frequency says it is due
(once per day, week or month: the period sent is recorded in the same transaction)."""

from __future__ import annotations

import json
import re
from datetime import datetime, time, timedelta

from sqlalchemy import select

from extradesk import models
from extradesk.core.changes import Changes
from extradesk.core.clock import PARIS
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.db.session import unit_of_work
from extradesk.i18n import dashboard as words
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text
from extradesk.models import tables
from extradesk.services import company, preferences, users
from extradesk.services.context import Context
from extradesk.services.dashboard import texts, tiles
from extradesk.services.mail import accounts
from extradesk.services.outbox import mail_channel, queue

KIND = "tableau_de_bord"  # the outbox item's kind
CHART_FILES = (("ca-mensuel.png", "monthly"), ("ca-origines.png", "origins"))
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_P = tables.user_preferences.c


def compose(ctx: Context, user_id: int | None) -> tuple[str, str, list[queue.FileSpec]]:
    """(subject, plain text, [HTML part, chart images]) of `user_id`'s dashboard now."""
    from extradesk.reports import dashboard_charts, dashboard_html

    name = users.get_user(ctx, user_id).name if user_id else words.EVERYONE
    values = tiles.everything(ctx, user_id=user_id)
    shown = [texts.tile_text(t, values[t]) for t in tiles.chosen_tiles(ctx, user_id=user_id)]
    today = ctx.clock.now().astimezone(PARIS).date()
    identity = company.get_company(ctx)
    subject = (text("dashboard.mail_subject", day=fmt.day(today), company=identity.name)
               if identity.name else text("dashboard.mail_subject_plain", day=fmt.day(today)))
    title = text("dashboard.mail_title", name=name)
    intro = text("dashboard.mail_intro", day=fmt.day(today))
    frequency = preferences.get(ctx, preferences.DASHBOARD_MAIL_FREQUENCY.key, user_id=user_id)
    footer = text("dashboard.mail_footer", frequency=text(f"dashboard.frequency.{frequency}"))
    pngs = {
        "monthly": dashboard_charts.monthly_png(texts.monthly_bars(values["monthly"]),
                                                title=words.CHART_MONTHLY),
        "origins": dashboard_charts.origins_png(texts.origin_shares(values["origins"]),
                                                title=words.CHART_ORIGINS),
    }
    charts = [(mail_channel.content_id(file), alt, 640) for (file, _k), alt
              in zip(CHART_FILES, (words.CHART_MONTHLY, words.CHART_ORIGINS), strict=True)]
    html = dashboard_html.render(title=title, intro=intro, tiles=shown, charts=charts,
                                 footer=footer)
    plain = "\n\n".join([title, intro, *(
        f"{t.title} : {t.headline}\n" + "\n".join(f"  {line}" for line in t.lines)
        for t in shown), footer])
    files = [queue.FileSpec.of_bytes(mail_channel.INLINE + "tableau-de-bord.html",
                                     html.encode("utf-8"), "text/html")]
    files += [queue.FileSpec.of_bytes(mail_channel.INLINE + file, pngs[key], "image/png")
              for file, key in CHART_FILES]
    return subject, plain, files


def _message(ctx: Context, user_id: int) -> queue.Message:
    user = users.get_user(ctx, user_id)
    if not user.email:
        raise ValidationError([Problem("email", "dashboard.no_email", {"name": user.name})])
    account = accounts.get_account(ctx, user_id)
    if account is None:
        raise NotFoundError("dashboard.no_account", name=user.name)
    subject, plain, files = compose(ctx, user_id)
    return queue.Message(channel="mail", kind=KIND, to=[user.email], subject=subject,
                         body=plain, sender=accounts.sender_of(account),
                         account_id=account.id, files=files)


def queue_mail(ctx: Context, user_id: int, *, period: str | None = None
               ) -> tuple[int | None, Changes]:
    """Queue `user_id`'s dashboard mail. With `period` (a scheduled send), nothing is queued
    when that period's mail already was: the check and the record share the transaction."""
    message = _message(ctx, user_id)  # figures and charts: before taking the write lock
    table = models.UserPreference.__table__  # writes through the SQLModel table
    key = preferences.DASHBOARD_MAIL_LAST.key
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if period is not None:
            done = conn.execute(select(_P.value).where(_P.user_id == user_id,
                                                       _P.key == key)).scalar()
            if done is not None and json.loads(done) == period:
                return None, Changes()
            conn.execute(table.delete().where(table.c.user_id == user_id, table.c.key == key))
            conn.execute(table.insert().values(user_id=user_id, key=key,
                                               value=json.dumps(period)))
        item_id = queue.enqueue(conn, ctx, message)
    return item_id, Changes(outbox=frozenset({item_id}))


def mail_time(ctx: Context, user_id: int) -> time:
    raw = preferences.get(ctx, preferences.DASHBOARD_MAIL_TIME.key, user_id=user_id)
    found = _TIME.match(str(raw))
    if found is None:
        raise ValidationError([Problem(preferences.DASHBOARD_MAIL_TIME.key,
                                       "dashboard.time_invalid", {"value": raw})])
    return time(int(found[1]), int(found[2]))


def due_period(ctx: Context, user_id: int) -> str | None:
    """The period whose mail is due now for `user_id` ("2026-12-05", "2026-W49", "2026-12"),
    or None: no mail wanted, not yet the time, or already sent for this period. A period
    starts at the chosen time of its first day (each day, Monday, the 1st) and stays due
    until its mail is queued, so a PC switched on later still sends it once."""
    frequency = preferences.get(ctx, preferences.DASHBOARD_MAIL_FREQUENCY.key,
                                user_id=user_id)
    if frequency == "none":
        return None
    now = ctx.clock.now().astimezone(PARIS)
    today = now.date()
    if frequency == "daily":
        first, period = today, today.isoformat()
    elif frequency == "weekly":
        first = today - timedelta(days=today.weekday())
        year, week, _day = today.isocalendar()
        period = f"{year}-W{week:02d}"
    else:
        first, period = today.replace(day=1), f"{today:%Y-%m}"
    if now < datetime.combine(first, mail_time(ctx, user_id), tzinfo=PARIS):
        return None
    last = preferences.get(ctx, preferences.DASHBOARD_MAIL_LAST.key, user_id=user_id)
    return None if last == period else period


def queue_due(ctx: Context) -> tuple[list[int], Changes]:
    """Queue every user's dashboard mail that is due (the application calls this every few
    minutes; `extradesk dashboard --due` from a scheduled task). A user whose mail cannot be
    made (no address, no account) is skipped: their mail waits until it can."""
    queued: list[int] = []
    changes = Changes()
    for user in users.list_users(ctx):
        try:
            period = due_period(ctx, user.id)
            if period is None:
                continue
            item_id, done = queue_mail(ctx, user.id, period=period)
        except (ValidationError, NotFoundError):
            continue
        if item_id is not None:
            queued.append(item_id)
            changes = changes | done
    return queued, changes

