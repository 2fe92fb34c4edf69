"""« Envoyer par e-mail… » on the Pièces list: the selected documents, each to its client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QPushButton

if TYPE_CHECKING:
    from extradesk.ui.pages.documents_page import DocumentsPage


def install(page: DocumentsPage, bar) -> QPushButton:
    """Several rows may be selected; the button sits in `bar`, before « Nouveau devis »."""
    page.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    button = QPushButton("Envoyer par e-mail…")
    button.setObjectName("documentsSendMail")
    button.setEnabled(False)
    bar.insertWidget(bar.indexOf(page.new_button), button)
    button.clicked.connect(lambda: open_send_dialog(page))
    page.table.selectionModel().selectionChanged.connect(
        lambda *_a: button.setEnabled(bool(selected_ids(page))))
    page.model.modelReset.connect(lambda: button.setEnabled(bool(selected_ids(page))))
    return button


def selected_ids(page: DocumentsPage) -> list[int]:
    rows = sorted(i.row() for i in page.table.selectionModel().selectedRows())
    return [i for i in (page.model.document_id(r) for r in rows) if i is not None]


def open_send_dialog(page: DocumentsPage):
    from extradesk.ui.mail.send_dialog import SendMailDialog

    ids = selected_ids(page)
    if not ids:
        return None
    dialog = SendMailDialog(page._tasks, ids, page)
    page.dialog = dialog
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
