"""Issue an invoice, deposit invoice or credit note: check, confirm with its number, then issue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from extradesk.core.errors import Problem
from extradesk.core.legal import CompanyIdentity
from extradesk.core.workflow import DocumentKind
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.ui import prompts
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.tasks import Tasks

_COMPANY_FIELDS = frozenset(f.name for f in fields(CompanyIdentity))
# (the document, its pronoun, its participle agreement, what corrects it once issued)
_WORDING = {
    DocumentKind.INVOICE: ("la facture", "Elle", "e", "seule une facture d'avoir pourra la "
                                                      "corriger"),
    DocumentKind.DEPOSIT_INVOICE: ("la facture d'acompte", "Elle", "e",
                                   "seule une facture d'avoir pourra la corriger"),
    DocumentKind.CREDIT_NOTE: ("l'avoir", "Il", "", "il est définitif"),
}


def issue_with_checks(parent: QWidget | None, tasks: Tasks, document_id: int,
                      on_issued: Callable[[], None]) -> None:
    """Check on the worker (one read); list what blocks, or ask for confirmation and issue."""

    def checked(preview) -> None:  # services.documents.issuing.IssuePreview
        if preview.problems:
            _show_problems(parent, tasks, preview.kind, list(preview.problems),
                           again=lambda: issue_with_checks(parent, tasks, document_id, on_issued))
        else:
            _confirm(parent, tasks, document_id, preview, on_issued)

    documents_ops.issue_preview(tasks, parent, document_id=document_id, on_done=checked)


def _wording(kind: DocumentKind) -> tuple[str, str, str, str]:
    return _WORDING.get(kind, _WORDING[DocumentKind.INVOICE])


def confirmation_text(kind: DocumentKind, number: str, day: date,
                      draft_day: date | None = None) -> str:
    """The question before issuing: the number and the date the document will carry (the day
    of issue, whatever date the draft had: numbering follows the order of the dates)."""
    what, pronoun, agreement, correction = _wording(kind)
    text = (f"Émettre {what} ? {pronoun} recevra le numéro {number} et la date du "
            f"{fmt.day(day)}, et ne pourra plus être modifié{agreement} ; {correction}.")
    if draft_day is not None:
        text += (f"\n\nLa date du brouillon ({fmt.day(draft_day)}) n'est pas reprise : une "
                 "pièce numérotée porte la date de son émission, dans l'ordre chronologique.")
    return text


def _confirm(parent, tasks: Tasks, document_id: int, preview,
             on_issued: Callable[[], None]) -> None:
    kind, number = preview.kind, preview.number
    def issue() -> None:
        def done(result) -> None:
            # The real number: another PC may have issued first since the question.
            agreement = _wording(kind)[2]
            _tell(parent, f"{messages.text(f'document.kind.{kind.value}')} {result[0]} "
                          f"émis{agreement}.")
            on_issued()

        # Refusals (a date before the last issued invoice, a mention removed meanwhile…) come
        # back as domain errors and are shown in French by the error presenter.
        documents_ops.issue(tasks, parent, document_id=document_id, on=preview.day,
                            on_done=done)

    what = _wording(kind)[0]
    box = prompts.confirm(parent, f"Émettre {what}",
                          confirmation_text(kind, number, preview.day, preview.draft_day),
                          issue, yes_text="Émettre")
    box.setObjectName("issueConfirmBox")


def _show_problems(parent, tasks: Tasks, kind: DocumentKind, problems: list[Problem], *,
                   again: Callable[[], None]) -> QMessageBox:
    what, _pronoun, agreement, _correction = _wording(kind)
    box = QMessageBox(parent)
    box.setObjectName("issueProblemsBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"Émettre {what}")
    box.setText(f"{what[0].upper()}{what[1:]} ne peut pas encore être émis{agreement}. "
                "Réglez d'abord ceci :")
    box.setInformativeText("\n".join(f"• {messages.problem_text(p)}" for p in problems))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    company = None
    if any(p.field in _COMPANY_FIELDS for p in problems):
        company = box.addButton("Compléter les informations de l'entreprise…",
                                QMessageBox.ButtonRole.ActionRole)
        company.setObjectName("completeCompany")
    close = box.addButton("Fermer", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(company or close)
    box.setEscapeButton(close)

    def clicked(button) -> None:
        if button is company:
            open_company(parent, tasks, on_saved=again)

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def open_company(parent, tasks: Tasks, *, on_saved: Callable[[], None]):
    """The company dialog; once saved, the issue is checked again (the user's next step)."""
    from extradesk.ui.dialogs.company_dialog import CompanyDialog

    dialog = CompanyDialog(tasks, parent=parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.saved.connect(on_saved)
    dialog.open()
    return dialog


def _tell(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10_000)
