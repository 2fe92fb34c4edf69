"""Before a draft leaves the building (preview, print, PDF, mail): warn when the printout would
lack the business's identity, and offer to fill it in first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from extradesk.i18n import messages
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.tasks import Tasks


def with_identity(parent: QWidget | None, tasks: Tasks, document_id: int,
                  go_on: Callable[[], None]) -> None:
    """Run `go_on` at once when nothing is missing; otherwise ask first (on the worker: one
    read of the settings row)."""

    def checked(gaps) -> None:
        if gaps:
            warn(parent, tasks, list(gaps), go_on)
        else:
            go_on()

    documents_ops.print_gaps(tasks, parent, document_id=document_id, on_done=checked)


def warn(parent: QWidget | None, tasks: Tasks, gaps: list, go_on: Callable[[], None]
         ) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("identityMissingBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Identité de l'entreprise incomplète")
    box.setText("Cette pièce sortirait sans tout ce qui doit identifier votre entreprise "
                "(un devis aussi doit le porter) :")
    box.setInformativeText("\n".join(f"• {messages.problem_text(p)}" for p in gaps))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    complete = box.addButton("Compléter les informations de l'entreprise…",
                             QMessageBox.ButtonRole.AcceptRole)
    complete.setObjectName("completeCompany")
    anyway = box.addButton("Continuer quand même", QMessageBox.ButtonRole.DestructiveRole)
    anyway.setObjectName("continueAnyway")
    cancel = box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(complete)
    box.setEscapeButton(cancel)

    def clicked(button) -> None:
        if button is complete:
            from extradesk.ui.documents.issue_flow import open_company

            open_company(parent, tasks, on_saved=go_on)
        elif button is anyway:
            go_on()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
