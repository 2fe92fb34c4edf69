"""Operations on commercial documents: read, header, status, issue, conversions, lines, PDF."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtCore import QObject

    from extradesk.core.workflow import Status
    from extradesk.services.documents.dto import DocumentHeader, LineInput
    from extradesk.ui.tasks import Tasks


# -- reading ------------------------------------------------------------------------------------

def get(tasks: Tasks, parent: QObject | None, *, document_id: int, on_done: OnDone = None,
        on_error: OnError = None) -> Future:
    """The DocumentDetail of `document_id`."""

    def job(ctx):
        from extradesk.services.documents import drafts

        return drafts.get_document(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def header_choices(tasks: Tasks, parent: QObject | None, *, document_id: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(the ouvrages of the document's client, the journals, the depots) for the header's
    combos."""

    def job(ctx):
        from extradesk.services import references
        from extradesk.services.clients import records
        from extradesk.services.documents import drafts

        client_id = drafts.get_document(ctx, document_id).client_id
        return (records.get_client(ctx, client_id).ouvrages, references.list_items(ctx, "journal"),
                references.list_items(ctx, "depot"))

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def print_gaps(tasks: Tasks, parent: QObject | None, *, document_id: int,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    """issuing.print_gaps: what the company identity lacks on this document's printout."""

    def job(ctx):
        from extradesk.services.documents import issuing

        return issuing.print_gaps(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def issue_preview(tasks: Tasks, parent: QObject | None, *, document_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """issuing.IssuePreview: the kind, what blocks the issue, the number it would get."""

    def job(ctx):
        from extradesk.services.documents import issuing

        return issuing.preview(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- creating -----------------------------------------------------------------------------------

def create_quote(tasks: Tasks, parent: QObject | None, *, client_id: int,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    """A new draft quote for the client; the result is (quote id, changes)."""

    def job(ctx):
        from extradesk.services.documents import drafts

        return drafts.create_quote(ctx, client_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- header and status --------------------------------------------------------------------------

class LoadedVersion:
    """The version of a document a window shows, for its next header save.

    Read and advanced on the database worker, in the order the saves were queued: a second
    save typed before the first one's refresh came back is checked against the version the
    first one wrote, not refused as if another PC had saved. The window raises it (never
    lowers it) when it shows a newer version read from the database."""

    def __init__(self, value: int | None = None) -> None:
        self.value = value

    def shown(self, version: int) -> None:
        if self.value is None or version > self.value:
            self.value = version


def update_header(tasks: Tasks, parent: QObject | None, *, document_id: int,
                  header: DocumentHeader, loaded: LoadedVersion | None = None,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Save the header; with `loaded`, refused (ConflictError) when another PC saved the
    document since that version was shown."""

    def job(ctx):
        from extradesk.services.documents import drafts

        expected = loaded.value if loaded is not None else None
        changes = drafts.update_header(ctx, document_id, header=header,
                                       expected_version=expected)
        if loaded is not None:
            loaded.value = drafts.version_of(ctx, document_id)
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_status(tasks: Tasks, parent: QObject | None, *, document_id: int, status: Status,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import drafts

        return drafts.set_status(ctx, document_id, target=status)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def issue(tasks: Tasks, parent: QObject | None, *, document_id: int, on: date | None = None,
          on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Issue a draft invoice, deposit invoice or credit note dated `on` (default today, the
    date the confirmation showed); the result is (number, changes)."""

    def job(ctx):
        from extradesk.services.documents import issuing

        return issuing.issue_document(ctx, document_id, on=on)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- conversions: each result is (new document id, changes) -----------------------------------

def accept_quote(tasks: Tasks, parent: QObject | None, *, quote_id: int,
                 option_ids: list[int], on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import conversions

        return conversions.accept_quote(ctx, quote_id, accepted_options=option_ids)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def invoice_order(tasks: Tasks, parent: QObject | None, *, order_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import conversions

        return conversions.invoice_order(ctx, order_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def deposit_invoice(tasks: Tasks, parent: QObject | None, *, order_id: int, percent: str,
                    on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import conversions

        return conversions.deposit_invoice(ctx, order_id, percent=percent)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def progress_invoice(tasks: Tasks, parent: QObject | None, *, order_id: int,
                     percent: str | None, line_percents: dict[int, str] | None = None,
                     on_done: OnDone = None, on_error: OnError = None) -> Future:
    """A facture de situation at `percent` cumulative progress of every line, or of each
    line named in `line_percents` {order line id: percent}."""
    def job(ctx):
        from extradesk.services.documents import situations

        return situations.progress_invoice(ctx, order_id, percent=percent,
                                           line_percents=line_percents or None)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def credit_note(tasks: Tasks, parent: QObject | None, *, invoice_id: int,
                line_ids: list[int] | None, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import conversions

        return conversions.credit_note(ctx, invoice_id, line_ids=line_ids)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def duplicate(tasks: Tasks, parent: QObject | None, *, document_id: int,
              on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import conversions

        return conversions.duplicate_document(ctx, document_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- lines and options --------------------------------------------------------------------------

def add_line(tasks: Tasks, parent: QObject | None, *, document_id: int, data: LineInput,
             on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Add a line at the end; the result is (new line id, changes)."""

    def job(ctx):
        from extradesk.services.documents import lines

        return lines.add_line(ctx, document_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def update_line(tasks: Tasks, parent: QObject | None, *, line_id: int, data: LineInput,
                on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import lines

        return lines.update_line(ctx, line_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def delete_lines(tasks: Tasks, parent: QObject | None, *, line_ids: list[int],
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import lines

        return lines.delete_lines(ctx, line_ids)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def create_option(tasks: Tasks, parent: QObject | None, *, line_ids: list[int], title: str,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import lines

        return lines.create_option(ctx, line_ids, title=title)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def rename_option(tasks: Tasks, parent: QObject | None, *, option_id: int, title: str,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import lines

        return lines.rename_option(ctx, option_id, title=title)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def move_lines(tasks: Tasks, parent: QObject | None, *, line_ids: list[int],
               before_line_id: int | None, option_id: int | None, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import lines

        return lines.move_lines(ctx, line_ids, before_line_id=before_line_id,
                                option_id=option_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def leave_options(tasks: Tasks, parent: QObject | None, *, option_ids: list[int],
                  line_ids: list[int], before_line_id: int | None, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """Dissolve the options `option_ids`; the lines `line_ids` leave theirs and land before
    `before_line_id` (None: at the end)."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.documents import lines

        changes = Changes()
        for option_id in option_ids:
            changes |= lines.dissolve_option(ctx, option_id)
        if line_ids:
            changes |= lines.move_lines(ctx, line_ids, before_line_id=before_line_id,
                                        option_id=None)
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- PDF ----------------------------------------------------------------------------------------

def pdf_file_name(tasks: Tasks, parent: QObject | None, *, document_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import drafts

        return drafts.pdf_file_name(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def render_pdf(tasks: Tasks, parent: QObject | None, *, document_id: int,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(the PDF bytes, its file name): the stored PDF of an issued document."""

    def job(ctx):
        from extradesk.services.documents import drafts

        return drafts.render_pdf(ctx, document_id), drafts.pdf_file_name(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_pdf(tasks: Tasks, parent: QObject | None, *, document_id: int, path: Path,
             write: Callable[[Path, bytes], None], on_done: OnDone = None,
             on_error: OnError = None) -> Future:
    """Render and `write(path, pdf)` on the worker (the GUI never waits on the disk); the
    result is `path`."""

    def job(ctx):
        from extradesk.services.documents import drafts

        write(path, drafts.render_pdf(ctx, document_id))
        return path

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def load_attestation(tasks: Tasks, parent: QObject | None, *, document_id: int,
                     on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(today, the reduced-VAT attestation this document has or finds on its source, or
    None): the dialog proposes today's date when none is recorded."""
    def job(ctx):
        from extradesk.services.documents import attestation

        return ctx.clock.today(), attestation.load(ctx, document_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def record_attestation(tasks: Tasks, parent: QObject | None, *, document_id: int, day,
                       source: str | None, on_done: OnDone = None,
                       on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import attestation

        return attestation.record(ctx, document_id, day=day, source=source)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def load_retention(tasks: Tasks, parent: QObject | None, *, document_id: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(today, the retenue this invoice still holds); none left is a StateError."""
    def job(ctx):
        from extradesk.core.errors import StateError
        from extradesk.services.documents import retention

        held = [r for r in retention.open_retentions(ctx) if r.document_id == document_id]
        if not held:  # released meanwhile, from another window or PC
            raise StateError("retention.none")
        return ctx.clock.today(), held[0]

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def release_retention(tasks: Tasks, parent: QObject | None, *, document_id: int, kind: str,
                      day, reference: str | None, on_done: OnDone = None,
                      on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.documents import retention

        return retention.release_retention(ctx, document_id, kind=kind, on=day,
                                           reference=reference)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
