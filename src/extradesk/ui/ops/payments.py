"""Operations on payments (issue 13): the entry form, a payment, a refund, credit used, a
cancellation, the client panel, the overdue list and its reminders, cheque deposits and
closings. Each runs its service on the database worker."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def entry_form(tasks: Tasks, parent: QObject | None, *, client_id: int | None = None,
               document_id: int | None = None, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The EntryForm of a client (or of the client of `document_id`)."""

    def job(ctx):
        from extradesk.services.payments import screens

        client = client_id if client_id is not None else screens.client_of(ctx, document_id)
        return screens.entry_form(ctx, client)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def _input(values: dict):
    from extradesk.services.payments.entries import PaymentInput

    return PaymentInput(**values)


def record(tasks: Tasks, parent: QObject | None, *, client_id: int, values: dict,
           allocations: Sequence[tuple[int, str]], remember_journal: bool = False,
           on_done: OnDone = None, on_error: OnError = None) -> Future:
    """A payment (PaymentInput fields in `values`) set against `allocations`; the result is
    (payment id, changes). The journal is remembered as the user's default on request."""

    def job(ctx):
        from extradesk.services.payments import entries

        payment_id, changes = entries.record_payment(ctx, client_id, data=_input(values),
                                                     allocations=list(allocations))
        if remember_journal and values.get("journal_id") is not None:
            changes = changes | entries.set_default_journal(ctx, values["journal_id"])
        return payment_id, changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def refund(tasks: Tasks, parent: QObject | None, *, client_id: int, values: dict,
           on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Money paid back to the client (a negative amount), within his credit."""

    def job(ctx):
        from extradesk.services.payments import entries

        return entries.refund(ctx, client_id, data=_input(values))

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def use_credit(tasks: Tasks, parent: QObject | None, *, document_id: int,
               amount: str | None = None, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The client's credit (left-over payments, credit notes) set against an invoice."""

    def job(ctx):
        from extradesk.services.payments import entries

        return entries.use_credit(ctx, document_id, amount=amount)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def cancel(tasks: Tasks, parent: QObject | None, *, payment_id: int, on_done: OnDone = None,
           on_error: OnError = None) -> Future:
    """A cancelling entry dated today (who and when kept); a deposited cheque is refused."""

    def job(ctx):
        from extradesk.services.payments import entries

        return entries.cancel_payment(ctx, payment_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def invoice_figures(tasks: Tasks, parent: QObject | None, *, document_id: int,
                    on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(InvoiceFigures or None, the client's credit) for the editor's payment line."""

    def job(ctx):
        from extradesk.services.payments import figures

        found = figures.invoice_figures(ctx, document_id)
        credit = figures.client_balance(ctx, _client(ctx, document_id)).credit \
            if found is not None else None
        return found, credit

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def _client(ctx, document_id: int) -> int:
    from extradesk.services.payments import screens

    return screens.client_of(ctx, document_id)


def client_payments(tasks: Tasks, parent: QObject | None, *, client_id: int,
                    on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.payments import screens

        return screens.client_payments(ctx, client_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- reminders (relances) --------------------------------------------------------------------

def overdue(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """([Overdue], {document id: level due today}, its formatted lines) for the Relances
    page."""

    def job(ctx):
        from extradesk.core import payments as rules
        from extradesk.services.payments import figures

        rows, today = figures.overdue(ctx), ctx.clock.today()
        # The rule reminders.due_reminders applies, over the rows in hand (not read twice).
        due = {r.document_id: level for r in rows if (level := rules.reminder_due(
            due=r.due_date, today=today, last_level=r.reminder_level,
            last_on=r.reminded_on)) is not None}
        from extradesk.ui.payments.reminders_model import format_lines

        return rows, due, format_lines(rows, due)  # formatted here: paint stays cheap

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def letter(tasks: Tasks, parent: QObject | None, *, document_id: int, level: int,
           on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The Letter of that level as it would leave today (nothing recorded)."""

    def job(ctx):
        from extradesk.services.payments import reminders

        return reminders.letter(ctx, document_id, level=level)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def send_reminders(tasks: Tasks, parent: QObject | None, *, wanted: Sequence[tuple[int, int]],
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Record each (document id, level): mailed through the outbox, or kept to print. The
    result is ([SentReminder], changes); an invoice paid meanwhile is skipped."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.payments import reminders

        sent, changes = [], Changes()
        for document_id, level in wanted:
            done, more = reminders.send_reminder(ctx, document_id, level=level)
            if done is not None:
                sent.append(done)
                changes = changes | more
        return sent, changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def letter_pdf(tasks: Tasks, parent: QObject | None, *, letter_id: int,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.payments import reminders

        return reminders.letter_pdf(ctx, letter_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def templates(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
              on_error: OnError = None) -> Future:
    """{level: (subject, body)} and the fields a template may use."""

    def job(ctx):
        from extradesk.core import payments as rules
        from extradesk.i18n.payments import REMINDER_FIELDS
        from extradesk.services.payments import reminders

        return {level: reminders.get_template(ctx, level) for level in rules.LEVELS}, \
            REMINDER_FIELDS

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_template(tasks: Tasks, parent: QObject | None, *, level: int, subject: str,
                  body: str, on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.payments import reminders

        return reminders.save_template(ctx, level, subject=subject, body=body)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def reset_template(tasks: Tasks, parent: QObject | None, *, level: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Back to the French default; the result is ((subject, body), changes)."""

    def job(ctx):
        from extradesk.services.payments import reminders

        changes = reminders.reset_template(ctx, level)
        return reminders.get_template(ctx, level), changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- cheque deposits and closings ------------------------------------------------------------

def deposit_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """([PaymentRow] cheques not deposited, EntryForm-like journals, today)."""

    def job(ctx):
        from extradesk.services.payments import figures, screens

        return figures.undeposited_cheques(ctx), screens.treasury_journals(ctx), \
            ctx.clock.today()

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def deposit(tasks: Tasks, parent: QObject | None, *, payment_ids: Sequence[int], day: date,
            journal_id: int | None, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """The slip made and its cheques locked; the result is (slip id, pdf bytes, changes)."""

    def job(ctx):
        from extradesk.services.payments import deposits

        slip_id, changes = deposits.create_slip(ctx, list(payment_ids), day=day,
                                                journal_id=journal_id)
        return slip_id, deposits.slip_pdf(ctx, slip_id), changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def closing_preview(tasks: Tasks, parent: QObject | None, *, period: str, day: date,
                    on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(first, last, totals by mode, totals by journal, count, already closed) of a period."""

    def job(ctx):
        from extradesk.services.payments import screens

        return screens.closing_preview(ctx, period, day=day)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def close_period(tasks: Tasks, parent: QObject | None, *, period: str, day: date,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.payments import closings

        return closings.close_period(ctx, period, day=day)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def today(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
          on_error: OnError = None) -> Future:
    return query(tasks, parent, lambda ctx: ctx.clock.today(), on_done=on_done,
                 on_error=on_error)


def credit_note_left(tasks: Tasks, parent: QObject | None, *, document_id: int,
                     on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(the credit note's gross, what is left of it to set against invoices)."""

    def job(ctx):
        from extradesk.services.payments import screens

        return screens.credit_note_left(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_credit_note(tasks: Tasks, parent: QObject | None, *, credit_note_id: int,
                    invoice_id: int, amount: str | None, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    """(Part of) a credit note set against an invoice of the same client."""

    def job(ctx):
        from extradesk.services.payments import entries

        return entries.set_credit_note(ctx, credit_note_id, invoice_id=invoice_id,
                                       amount=amount)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def invoice_payments(tasks: Tasks, parent: QObject | None, *, document_id: int,
                     on_done: OnDone = None, on_error: OnError = None) -> Future:
    """[PaymentRow] set against this invoice, cancellations included."""

    def job(ctx):
        from extradesk.services.payments import screens

        return screens.invoice_payments(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)
