"""Operations on the company's legal identity and its settings."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.core.legal import CompanyIdentity
    from extradesk.ui.tasks import Tasks


def company_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """(the CompanyIdentity, the journals, the default journal's id)."""

    def job(ctx):
        from extradesk.services import company, references

        return (company.get_company(ctx), references.list_items(ctx, "journal"),
                company.get_default_journal(ctx))

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save(tasks: Tasks, parent: QObject | None, *, data: CompanyIdentity,
         default_journal_id: int | None = None, on_done: OnDone = None,
         on_error: OnError = None) -> Future:
    """Save the identity (checked by the service: a refusal changes nothing), then the default
    journal when `default_journal_id` is given."""

    def job(ctx):
        from extradesk.services import company

        changes = company.save_company(ctx, data)
        if default_journal_id is not None:
            changes = changes | company.set_default_journal(ctx, default_journal_id)
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def first_run_wanted(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """(wanted, the CompanyIdentity): offer "Votre entreprise" on a new empty database?"""

    def job(ctx):
        from extradesk.services import company

        return company.first_run_wanted(ctx), company.get_company(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def first_run_done(tasks: Tasks, parent: QObject | None, *, data: CompanyIdentity | None,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Save what the first step collected (None: put off), and never offer it again."""

    def job(ctx):
        from extradesk.services import company

        changes = company.save_company(ctx, data) if data is not None else None
        seen = company.first_run_seen(ctx)
        return changes | seen if changes is not None else seen

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
