"""Operations on commercial SMS: consent and STOP on the client record, campaigns (preview,
queueing, reports) and the STOP answers fetched from the gateway."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, network, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


# -- consent and opt-out ---------------------------------------------------------------------

def consent_state(tasks: Tasks, parent: QObject | None, *, client_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """{"consent": Consent or None, "mobile": the client's first mobile, "opted_out",
    "today"}."""

    def job(ctx):
        from extradesk.services.clients import records
        from extradesk.services.sms import consent, reminders

        d = records.get_client(ctx, client_id).data
        mobile = reminders.first_mobile(d.phone_mobile, d.phone_home, d.phone_work)
        return {"consent": consent.get_consent(ctx, client_id), "mobile": mobile,
                "opted_out": bool(mobile) and consent.is_opted_out(ctx, mobile),
                "today": ctx.clock.today()}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_consent(tasks: Tasks, parent: QObject | None, *, client_id: int, given: bool,
                 source: str, given_at: datetime | None, mobile: str | None,
                 opted_out: bool | None, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """Record or withdraw the consent; `opted_out` True/False sets the STOP of `mobile`
    (None leaves it)."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.sms import consent

        changes = (consent.record_consent(ctx, client_id, source=source, given_at=given_at)
                   if given else consent.withdraw_consent(ctx, client_id))
        if mobile and opted_out is not None:
            if opted_out and not consent.is_opted_out(ctx, mobile):
                consent.opt_out(ctx, number=mobile, source="manual")
            elif not opted_out and consent.is_opted_out(ctx, mobile):
                consent.opt_in_again(ctx, number=mobile)
            changes = changes | Changes(clients=frozenset({client_id}))
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- campaigns ---------------------------------------------------------------------------------

def campaign_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """{"status", "origin", "ouvrage_type": active reference items, "gateway", "price",
    "today", "now"}."""

    def job(ctx):
        from extradesk.services import preferences as prefs
        from extradesk.services import references
        from extradesk.services.sms import gateway

        lists = {key: [i for i in references.list_items(ctx, key) if i.active]
                 for key in ("status", "origin", "ouvrage_type")}
        return {**lists, "gateway": gateway.get_gateway(ctx), "today": ctx.clock.today(),
                "now": ctx.clock.now(),
                "price": prefs.get(ctx, prefs.SMS_PRICE_PER_SEGMENT.key)}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def campaign_preview(tasks: Tasks, parent: QObject | None, *, target: Any, text: str,
                     send_at: datetime | None, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """Preview: recipients, excluded with why, the cost, the first allowed slot."""

    def job(ctx):
        from extradesk.services.sms import campaigns

        return campaigns.preview(ctx, target=target, text=text, send_at=send_at)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def create_campaign(tasks: Tasks, parent: QObject | None, *, name: str, target: Any,
                    text: str, send_at: datetime | None, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    """Queue it: (campaign id, changes)."""

    def job(ctx):
        from extradesk.services.sms import campaigns

        return campaigns.create_campaign(ctx, name=name, target=target, text=text,
                                         send_at=send_at)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def list_campaigns(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                   on_error: OnError = None) -> Future:
    """[CampaignReport], newest first."""

    def job(ctx):
        from extradesk.services.sms import campaigns

        return campaigns.list_campaigns(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def campaign_report(tasks: Tasks, parent: QObject | None, *, campaign_id: int,
                    on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.sms import campaigns

        return campaigns.report(ctx, campaign_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- STOP answers fetched from the gateway (OVHcloud's inbound API) -------------------------------

def stops_read(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The gateway's config when it lists the answers received, else None."""

    def job(ctx):
        from extradesk.services.sms import consent

        return consent.inbound_config(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def stops_fetch(tasks: Tasks, parent: QObject | None, *, config: Any, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    def job():
        from extradesk.services.sms import consent

        return consent.fetch_answers(config)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def stops_record(tasks: Tasks, parent: QObject | None, *, answers: list,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    """([provider ids of the STOPs recorded], changes)."""

    def job(ctx):
        from extradesk.services.sms import consent

        return consent.record_answers(ctx, answers=answers)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def stops_forget(tasks: Tasks, parent: QObject | None, *, config: Any, ids: list,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job():
        from extradesk.services.sms import consent

        return consent.forget_answers(config, ids=ids)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)
