"""Long database jobs (demo data, backups) behind a progress dialog, cancellable when they allow it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from extradesk.ui import errors
from extradesk.ui.tasks import Tasks


def run_with_progress(
    parent: QWidget,
    tasks: Tasks,
    op: Callable[..., Future],
    on_done: Callable[[Any], None],
    *,
    title: str,
    label: str,
    cancellable: bool = False,
    **arguments: Any,
) -> QProgressDialog:
    """Run `op(tasks, dialog, progress=…, on_done=…, on_error=…, **arguments)`, an operation
    of ui/ops, with a window-modal progress dialog; a cancellable op also gets `cancelled`."""
    dialog = QProgressDialog(label, "Annuler" if cancellable else "", 0, 0, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    if not cancellable:
        dialog.setCancelButton(None)
    stop = threading.Event()

    def cancel() -> None:
        stop.set()
        dialog.setLabelText("Annulation en cours…")

    dialog.canceled.connect(cancel)

    def report(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))

    def dismiss() -> None:
        # hide(), not close(): closing a progress dialog means "cancel" to Qt
        dialog.canceled.disconnect(cancel)
        dialog.hide()
        dialog.deleteLater()

    def finished(result: Any) -> None:
        dismiss()
        on_done(result)

    def failed(error: BaseException) -> None:
        dismiss()
        errors.show_error(parent, error)

    if cancellable:
        arguments["cancelled"] = stop.is_set
    op(tasks, dialog, progress=report, on_done=finished, on_error=failed, **arguments)
    dialog.show()
    return dialog
