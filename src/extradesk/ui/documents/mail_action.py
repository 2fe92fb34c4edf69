"""« Envoyer par e-mail… » in the document editor: opens the send dialog for this document
(kept apart from the editor's own modules, which change for other reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from extradesk.ui.documents.editor import DocumentEditor


def install(editor: DocumentEditor) -> QPushButton:
    """Add the button beside « Enregistrer le PDF… » (editor.workflow.buttons["sendMail"])."""
    button = QPushButton("Envoyer par e-mail…")
    button.setObjectName("sendMail")
    button.clicked.connect(lambda: ask_then_send(editor))
    bar = editor.workflow.bottom_bar.layout()
    bar.insertWidget(bar.indexOf(editor.workflow.buttons["savePdf"]) + 1, button)
    editor.workflow.buttons["sendMail"] = button
    return button


def ask_then_send(editor: DocumentEditor) -> None:
    """A quote mailed without the company's identity is warned about first, as a print is."""
    from extradesk.ui.documents.identity_check import with_identity

    with_identity(editor, editor.tasks, editor.document_id, lambda: open_send_dialog(editor))


def open_send_dialog(editor: DocumentEditor):
    from extradesk.ui.mail.send_dialog import SendMailDialog

    dialog = SendMailDialog(editor.tasks, [editor.document_id], editor)
    editor.mail_dialog = dialog  # tests reach it here
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
