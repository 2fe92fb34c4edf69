"""Preview, print and save the PDF of a commercial document, rendered on the database worker."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from extradesk.core.errors import ExternalServiceError, StorageError
from extradesk.ui import errors, ops
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.tasks import Tasks

# An A4 page is a 35 MB image at 300 dpi and 140 MB at 600: 300 dpi prints text crisply and
# keeps a long document within reason on an office PC.
MAX_PRINT_DPI = 300
_last_folder: Path | None = None  # "Enregistrer le PDF" opens where the user saved last time


# -- the dialogs, module-level so tests replace them without a window on screen ----------------

def ask_save_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """The system "Save as" dialog; None when the user cancels."""
    folder = _last_folder or Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Enregistrer le PDF", str(folder / suggested_name), "Documents PDF (*.pdf)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_printer(parent: QWidget | None, printer: QPrinter, on_ok: Callable[[], None]) -> None:
    """The system print dialog, window-modal without a nested event loop; on_ok when accepted."""
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle("Imprimer")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setMinMax(1, max(printer.toPage(), 1))
    dialog.accepted.connect(on_ok)
    dialog.open()


# -- the three actions on a document ------------------------------------------------------------

def preview(parent: QWidget | None, tasks: Tasks, document_id: int) -> None:
    """Open the in-app viewer on the document's PDF (the stored one for an issued invoice)."""

    def show(pdf: bytes, name: str) -> None:
        from extradesk.ui.documents.pdf_view import PdfViewer  # QtPdfWidgets: on first use

        viewer = PdfViewer(pdf, file_name=name, tasks=tasks, parent=parent)
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()

    _with_pdf(parent, tasks, document_id, show)


def print_document(parent: QWidget | None, tasks: Tasks, document_id: int) -> None:
    _with_pdf(parent, tasks, document_id, lambda pdf, name: print_pdf(parent, pdf, name))


def save_pdf(parent: QWidget | None, tasks: Tasks, document_id: int) -> None:
    """Ask where (the suggested name comes from the document), then render and write there."""

    def ask(name: str) -> None:
        path = ask_save_path(parent, name)
        if path is None:
            return
        documents_ops.save_pdf(tasks, parent, document_id=document_id, path=path,
                               write=write_atomically, on_done=lambda saved: _saved(parent, saved),
                               on_error=lambda exc: _failed(parent, exc))

    documents_ops.pdf_file_name(tasks, parent, document_id=document_id, on_done=ask,
                                on_error=lambda exc: _failed(parent, exc))


# -- bytes already in hand (the viewer's buttons) -----------------------------------------------

def save_bytes(parent: QWidget | None, tasks: Tasks, pdf: bytes, name: str) -> None:
    path = ask_save_path(parent, name)
    if path is None:
        return

    def write(_ctx):  # on the worker: the GUI thread never waits on the disk
        write_atomically(path, pdf)
        return path

    ops.query(tasks, parent, write, on_done=lambda saved: _saved(parent, saved),
              on_error=lambda exc: _failed(parent, exc))


def print_pdf(parent: QWidget | None, pdf: bytes, name: str) -> None:
    """Ask for a printer, then print every page (or the range chosen in the dialog)."""
    document = load_pdf(pdf, None)  # owned by the closures below: freed with the dialog
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name.removesuffix(".pdf"))
    printer.setCreator("extradesk")
    # The PDF carries its own margins: print it at 100 % on the whole sheet, on its paper size.
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(document.pagePointSize(0), QPageSize.Unit.Point))
    printer.setFromTo(1, document.pageCount())

    def go() -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paint_pdf(document, printer)
        except Exception as exc:  # shown in French, never a traceback
            _failed(parent, exc)
        finally:
            QApplication.restoreOverrideCursor()

    ask_printer(parent, printer, go)


def paint_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the pages of `document` on `printer` as images; returns the number printed.

    Pages are rasterised because Qt has no vector path from a PDF to a printer; at printer
    resolution (capped at MAX_PRINT_DPI) the result is as sharp as the printer allows.
    """
    pages = _page_range(printer, document.pageCount())
    painter = QPainter()
    if not pages or not painter.begin(printer):
        raise ExternalServiceError("print.failed", retryable=True)
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for done, index in enumerate(pages):
            if done and not printer.newPage():
                raise ExternalServiceError("print.failed", retryable=True)
            _paint_page(painter, document, index, dpi)
    finally:
        painter.end()
    return len(pages)


def _page_range(printer: QPrinter, count: int) -> list[int]:
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or count, count)
        return list(range(first - 1, last))
    return list(range(count))


def _paint_page(painter: QPainter, document: QPdfDocument, index: int, dpi: int) -> None:
    points = document.pagePointSize(index)
    target = QRectF(painter.viewport())
    scale = min(target.width() / points.width(), target.height() / points.height())
    width, height = points.width() * scale, points.height() * scale
    # QtPdf renders on a transparent background; some printer drivers rasterise alpha slowly.
    pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    page = QImage(pixels, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    on_page = QPainter(page)
    on_page.drawImage(0, 0, document.render(index, pixels))
    on_page.end()
    painter.drawImage(QRectF(target.x() + (target.width() - width) / 2, target.y(),
                             width, height), page)


def load_pdf(pdf: bytes, owner: QObject | None) -> QPdfDocument:
    """A QPdfDocument reading `pdf` from memory (the buffer lives as long as the document)."""
    document = QPdfDocument(owner)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)  # synchronous for a random-access device such as QBuffer
    if document.status() != QPdfDocument.Status.Ready:
        raise StorageError("pdf.unreadable", detail=document.error().name)
    return document


# -- writing the file ---------------------------------------------------------------------------

def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then replace: never a half-written PDF."""
    try:
        fd, temp = tempfile.mkstemp(prefix=".~", suffix=".pdf.tmp", dir=path.parent)
    except OSError as exc:
        raise _save_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; a saved PDF is an ordinary file
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _save_error(path, exc) from exc


def _save_error(path: Path, exc: OSError) -> StorageError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError("pdf.save_denied", path=str(path), folder=str(path.parent))
    if exc.errno == errno.EISDIR:
        return StorageError("pdf.save_is_folder", path=str(path))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return StorageError("pdf.save_no_folder", path=str(path), folder=str(path.parent))
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):  # no EDQUOT on Windows
        return StorageError("pdf.save_no_space", path=str(path), folder=str(path.parent))
    return StorageError("pdf.save_failed", path=str(path), detail=exc.strerror or str(exc))


# -- plumbing -----------------------------------------------------------------------------------

def _with_pdf(parent: QWidget | None, tasks: Tasks, document_id: int,
              then: Callable[[bytes, str], None]) -> None:
    """Render on the worker under a wait cursor, then `then(pdf, file_name)` on the GUI thread."""

    def done(result) -> None:
        QApplication.restoreOverrideCursor()
        if _alive(parent):
            try:
                then(*result)
            except Exception as exc:  # e.g. a PDF QtPdf cannot read: French, no traceback
                _failed(parent, exc)

    def failed(exc: BaseException) -> None:
        QApplication.restoreOverrideCursor()
        _failed(parent, exc)

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    # No owner: the cursor must come back even if `parent` closes while the PDF renders.
    documents_ops.render_pdf(tasks, None, document_id=document_id, on_done=done, on_error=failed)


def _alive(widget: QWidget | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


def _failed(parent: QWidget | None, exc: BaseException) -> None:
    errors.show_error(parent if _alive(parent) else None, exc)


def _saved(parent: QWidget | None, path: Path) -> None:
    global _last_folder
    _last_folder = path.parent
    window = parent.window() if parent is not None and _alive(parent) else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"PDF enregistré : {path}", 10_000)
