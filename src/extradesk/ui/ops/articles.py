"""Operations on the article base: articles, families, sales accounts, technical notices."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.articles.dto import ArticleInput
    from extradesk.ui.tasks import Tasks


# -- articles -----------------------------------------------------------------------------------

def line_for_code(tasks: Tasks, parent: QObject | None, *, code: str, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """The LineInput of the article coded `code` (label, unit, price, VAT), or None."""

    def job(ctx):
        from extradesk.services.documents import article_lines

        return article_lines.line_for_code(ctx, code)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def line_input(tasks: Tasks, parent: QObject | None, *, article_id: int,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import article_lines

        return article_lines.line_input(ctx, article_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def article_form(tasks: Tasks, parent: QObject | None, *, article_id: int | None,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    """({"families", "accounts", "suppliers"}: what the combos offer, the ArticleDetail or
    None for a new article)."""

    def job(ctx):
        from extradesk.services import references
        from extradesk.services.articles import accounts, edit, families

        choices = {"families": families.list_families(ctx),
                   "accounts": accounts.list_accounts(ctx),
                   "suppliers": references.list_items(ctx, "supplier")}
        return choices, edit.get_article(ctx, article_id) if article_id else None

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_article(tasks: Tasks, parent: QObject | None, *, article_id: int | None,
                 data: ArticleInput, notices: Sequence[str] = (), on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """Create (article_id None, then attach the `notices` files chosen meanwhile) or update;
    the result is (article id, changes)."""

    def job(ctx):
        from extradesk.services.articles import edit
        from extradesk.services.articles import notices as notice_service

        if article_id is None:
            new_id, changes = edit.create_article(ctx, data)
            for path in notices:
                changes = changes | notice_service.attach(ctx, new_id, source=path)[1]
            return new_id, changes
        return article_id, edit.update_article(ctx, article_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def classify(tasks: Tasks, parent: QObject | None, *, article_ids: Sequence[int],
             family_id: int | None, sub_family_id: int | None, account_id: int | None,
             on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.articles import edit

        return edit.bulk_classify(ctx, article_ids, family_id=family_id,
                                  sub_family_id=sub_family_id, account_id=account_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- families and accounts ----------------------------------------------------------------------

def list_families(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.articles import families

        return families.list_families(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def families_and_accounts(tasks: Tasks, parent: QObject | None, *, with_usage: bool = False,
                          on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(families, sales accounts), with how many articles use each when `with_usage`."""

    def job(ctx):
        from extradesk.services.articles import accounts, families

        return (families.list_families(ctx, with_usage=with_usage),
                accounts.list_accounts(ctx, with_usage=with_usage))

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_family(tasks: Tasks, parent: QObject | None, *, family_id: int | None,
                parent_id: int | None, label: str | None, account_id: int | None,
                vat_rate: str | None, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    """A new family (under `parent_id`: a sub-family) when family_id is None, else an update."""

    def job(ctx):
        from extradesk.services.articles import families

        if family_id is None:
            return families.add_family(ctx, label, parent_id=parent_id,
                                       account_id=account_id, vat_rate=vat_rate)
        return families.update_family(ctx, family_id, label=label, account_id=account_id,
                                      vat_rate=vat_rate)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_account(tasks: Tasks, parent: QObject | None, *, account_id: int | None,
                 code: str | None, label: str | None, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.articles import accounts

        if account_id is None:
            return accounts.add_account(ctx, code, label=label)
        return accounts.update_account(ctx, account_id, code=code, label=label)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_waiting_account(tasks: Tasks, parent: QObject | None, *, account_id: int,
                        on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The account that holds the articles still to classify (707900 at first)."""

    def job(ctx):
        from extradesk.services.articles import accounts

        return accounts.set_waiting(ctx, account_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- technical notices --------------------------------------------------------------------------

def list_notices(tasks: Tasks, parent: QObject | None, *, article_id: int,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.articles import notices

        return notices.list_notices(ctx, article_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def attach_notices(tasks: Tasks, parent: QObject | None, *, article_id: int,
                   paths: Sequence[str], on_done: OnDone = None,
                   on_error: OnError = None) -> Future:
    """Copy the files `paths` into the data folder and attach them to the article."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.articles import notices

        changes = Changes()
        for path in paths:
            changes = changes | notices.attach(ctx, article_id, source=path)[1]
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def notice_path(tasks: Tasks, parent: QObject | None, *, article_id: int, attachment_id: int,
                on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The stored file of a notice, to open with the system's viewer."""

    def job(ctx):
        from extradesk.services.articles import notices

        return notices.open_path(ctx, article_id, attachment_id=attachment_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def detach_notice(tasks: Tasks, parent: QObject | None, *, article_id: int,
                  attachment_id: int, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.articles import notices

        return notices.detach(ctx, article_id, attachment_id=attachment_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
