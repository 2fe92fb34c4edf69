"""Operations on mail: the SMTP account ("Configurateur SMTP") and its test, deliverability
hints, templates, the mail preferences, and mails of documents and alerts put in the outbox.

Talking to a server runs on the network pool, as two steps: read (database worker) then
network (no Context), e.g. `test_read` then `test_send`.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, network, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


# -- the SMTP account ---------------------------------------------------------------------------

def account_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """{"me", "users" (active), "presets" (key -> Preset), "accounts" ({user id or None: the
    AccountRow stored for exactly that owner, None when there is none})}."""

    def job(ctx):
        from extradesk.services import users
        from extradesk.services.mail import accounts

        people = users.list_users(ctx)
        owners = [None, *(u.id for u in people)]
        return {"me": ctx.user_id, "users": people, "presets": accounts.PRESETS,
                "accounts": {owner: accounts.own_account(ctx, owner) for owner in owners}}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_account(tasks: Tasks, parent: QObject | None, *, user_id: int | None,
                 values: dict[str, Any], password: str | None, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """`values`: services.mail.accounts.AccountInput fields; the password goes to the
    keyring (None keeps the stored one). The result is (AccountRow, changes)."""

    def job(ctx):
        from extradesk.services.mail import accounts

        return accounts.save_account(ctx, user_id, data=accounts.AccountInput(**values),
                                     password=password)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def delete_account(tasks: Tasks, parent: QObject | None, *, account_id: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.mail import accounts

        return accounts.delete_account(ctx, account_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def test_read(tasks: Tasks, parent: QObject | None, *, user_id: int, on_done: OnDone = None,
              on_error: OnError = None) -> Future:
    """The test's first step: the mail to the user himself and the account's settings."""

    def job(ctx):
        from extradesk.services.mail import accounts

        return accounts.prepare_test(ctx, user_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def test_send(tasks: Tasks, parent: QObject | None, *, trial: Any, on_done: OnDone = None,
              on_error: OnError = None) -> Future:
    """The network step of the test; the result is the address it was sent to."""

    def job():
        from extradesk.services.mail import accounts

        return accounts.deliver_test(trial)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def spf_hints(tasks: Tasks, parent: QObject | None, *, values: dict[str, Any],
              on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Deliverability advice on the account as typed ([(message id, params)], [] when all
    looks right): one DNS lookup, on the network pool."""

    def job():
        from extradesk.services.mail import deliverability
        from extradesk.services.outbox.mail_channel import AccountRow

        account = AccountRow(0, None, values.get("provider") or "other",
                             values.get("sender_name"), values["sender_address"].strip(),
                             values["host"].strip(), int(values.get("port") or 0),
                             values["security"], values.get("login"))
        return deliverability.spf_hints(account, resolver=resolver)

    resolver = tasks.ctx.dns_txt  # None: the real DNS (a test seam of the Context)
    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- templates ------------------------------------------------------------------------------------

def templates_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                   on_error: OnError = None) -> Future:
    """{"kinds": {kind: (subject, body)}, "fields": the field names}."""

    def job(ctx):
        from extradesk.i18n.messages_mail import TEMPLATE_FIELDS
        from extradesk.services.mail import templates

        return {"kinds": {k: templates.get_template(ctx, k) for k in templates.KINDS},
                "fields": TEMPLATE_FIELDS}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_template(tasks: Tasks, parent: QObject | None, *, kind: str, subject: str,
                  body: str, on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.mail import templates

        return templates.save_template(ctx, kind, subject=subject, body=body)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def reset_template(tasks: Tasks, parent: QObject | None, *, kind: str,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Back to the default; the result is (subject, body) of the default, then changes."""

    def job(ctx):
        from extradesk.services.mail import templates

        changes = templates.reset_template(ctx, kind)
        return templates.get_template(ctx, kind), changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- preferences ----------------------------------------------------------------------------------

def preferences_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """{"read_receipt", "copy_to_me", "email" (the current user's, or None)}."""

    def job(ctx):
        from extradesk.services import preferences as prefs
        from extradesk.services.mail import accounts

        return {"read_receipt": prefs.get(ctx, prefs.MAIL_READ_RECEIPT.key),
                "copy_to_me": prefs.get(ctx, prefs.MAIL_COPY_TO_ME.key),
                "email": accounts.user_email(ctx, ctx.user_id)}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_preferences(tasks: Tasks, parent: QObject | None, *, read_receipt: bool,
                     copy_to_me: bool, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services import preferences as prefs

        return (prefs.set_value(ctx, prefs.MAIL_READ_RECEIPT.key, value=read_receipt)
                | prefs.set_value(ctx, prefs.MAIL_COPY_TO_ME.key, value=copy_to_me))

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- documents and alerts -------------------------------------------------------------------------

def prepare_documents(tasks: Tasks, parent: QObject | None, *, document_ids: Sequence[int],
                      notices_too: bool, on_done: OnDone = None,
                      on_error: OnError = None) -> Future:
    """[(document id, its title, MailDraft or the error that keeps it from being mailed)];
    with no SMTP account at all the error is raised (nothing could be sent)."""

    def job(ctx):
        from extradesk.core.errors import ExtradeskError
        from extradesk.services.documents import drafts
        from extradesk.services.mail import compose

        found = []
        for document_id in document_ids:
            detail = drafts.get_document(ctx, document_id)
            title = " ".join(p for p in (_kind_text(detail.kind), detail.number or "(brouillon)",
                                         "—", detail.client_name or "") if p)
            try:
                draft = compose.prepare_document_mail(ctx, document_id, notices_too=notices_too)
            except ExtradeskError as error:
                if error.message_id == "mail.no_account":
                    raise
                draft = error
            found.append((document_id, title, draft))
        return found

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def _kind_text(kind) -> str:
    from extradesk.i18n import messages

    return messages.text(f"document.kind.{kind.value}")


def queue_document(tasks: Tasks, parent: QObject | None, *, document_id: int,
                   to: Sequence[str] | None, subject: str | None, body: str | None,
                   notices_too: bool, on_done: OnDone = None,
                   on_error: OnError = None) -> Future:
    """Queue one document's mail (a quote becomes "Envoyé" in the same transaction); the
    result is (outbox item id, changes)."""

    def job(ctx):
        from extradesk.services.mail import compose

        return compose.queue_document_mail(ctx, document_id, to=to, subject=subject, body=body,
                                           notices_too=notices_too)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def queue_documents(tasks: Tasks, parent: QObject | None, *, document_ids: Sequence[int],
                    notices_too: bool, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    """Queue each document with its own template and client's addresses: one failing does
    not stop the others. The result is ([item ids], [(document id, error)], changes)."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.core.errors import ExtradeskError
        from extradesk.services.mail import compose

        queued, failed, changes = [], [], Changes()
        for document_id in document_ids:
            try:
                item_id, done = compose.queue_document_mail(ctx, document_id,
                                                            notices_too=notices_too)
            except ExtradeskError as error:
                failed.append((document_id, error))
                continue
            queued.append(item_id)
            changes = changes | done
        return queued, failed, changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def prepare_alert(tasks: Tasks, parent: QObject | None, *, client_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.mail import compose

        return compose.prepare_alert(ctx, client_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def queue_alert(tasks: Tasks, parent: QObject | None, *, client_id: int, to: Sequence[str],
                subject: str, body: str, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.mail import compose

        return compose.queue_alert(ctx, client_id, body=body, subject=subject, to=to)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
