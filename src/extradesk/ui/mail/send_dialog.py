"""« Envoyer par e-mail… »: one document (recipients, subject and body from its template,
all editable; the attachments; warnings) or several from the Pièces list (each with its own
template and client's addresses). « Envoyer » puts the mails in the outbox (a quote becomes
« Envoyé » in the same transaction); the application's sender then sends them in the
background."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.errors import ExtradeskError
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.ui import errors
from extradesk.ui.mail.smtp_dialog import no_account, setup_button
from extradesk.ui.ops import mail as mail_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} o"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} Ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def split_addresses(text: str) -> list[str]:
    return [a for a in re.split(r"[,;\s]+", text) if a]


class SendMailDialog(QDialog):
    def __init__(self, tasks: Tasks, document_ids: list[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendMailDialog")
        self.tasks, self.document_ids = tasks, list(document_ids)
        self.single = len(self.document_ids) == 1
        self.setWindowTitle("Envoyer par e-mail")
        self.setMinimumWidth(620)
        self.drafts: list = []
        self._filled = False  # recipients, subject and body shown once
        self.errors = FormErrors()
        self.title = label("", "sectionTitle")
        self.to = QLineEdit()
        self.to.setObjectName("to")
        self.to.setPlaceholderText("adresse@exemple.fr ; plusieurs adresses séparées par « ; »")
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setMinimumHeight(200)
        self.files = QListWidget()
        self.files.setObjectName("mailFiles")
        self.files.setMaximumHeight(90)
        self.notices = QCheckBox("Joindre les notices techniques des articles")
        self.notices.setObjectName("mailNotices")
        self.documents = QListWidget()  # several documents: who gets what
        self.documents.setObjectName("mailDocuments")
        self.warnings = label("", "hint", wrap=True)
        self.warnings.setObjectName("mailWarnings")
        self.warnings.setStyleSheet("color: #8a5a00;")
        self.info = label("", "hint", wrap=True)
        self.info.setObjectName("mailInfo")
        form = form_layout()
        if self.single:
            form.addRow("À", self.errors.field("to", self.to))
            form.addRow("Objet", self.errors.field("subject", self.subject))
            form.addRow("Message", self.errors.field("body", self.body))
            form.addRow("Pièces jointes", self.files)
        else:
            form.addRow("Pièces", self.documents)
        form.addRow("", self.notices)
        buttons = QDialogButtonBox()
        self.send_button = primary(buttons.addButton("Envoyer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.send_button.setObjectName("mailSend")
        self.send_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.info)
        self.setup_button = setup_button(tasks, self, lambda: self._prepare(keep_text=True))
        layout.addWidget(self.setup_button)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.notices.toggled.connect(lambda _on: self._prepare(keep_text=True))
        self._prepare(keep_text=False)

    # -- preparing ---------------------------------------------------------------------------

    def _prepare(self, *, keep_text: bool) -> None:
        self.send_button.setEnabled(False)
        self.info.setText("Préparation du message…")
        mail_ops.prepare_documents(self.tasks, self, document_ids=self.document_ids,
                                   notices_too=self.notices.isChecked(),
                                   on_done=lambda found: self._prepared(found, keep_text),
                                   on_error=self._cannot)

    def _cannot(self, error: BaseException) -> None:
        self.info.setText(errors.describe(error))
        self.send_button.setEnabled(False)
        self.setup_button.setVisible(no_account(error))

    def _prepared(self, found: list, keep_text: bool) -> None:
        self.drafts = found
        self.setup_button.hide()
        mailable = [(i, t, d) for i, t, d in found if not isinstance(d, BaseException)]
        if self.single:
            _id, title, draft = found[0]
            self.title.setText(title)
            if isinstance(draft, BaseException):
                self._cannot(draft)
                return
            if not (keep_text and self._filled):  # the user's edits stay
                self._filled = True
                self.to.setText(" ; ".join(draft.to))
                self.subject.setText(draft.subject)
                self.body.setPlainText(draft.body)
            self.files.clear()
            for name, size in draft.files:
                self.files.addItem(f"{name} ({size_text(size)})")
            warnings = draft.warnings
            self.info.setText(self._options_text(draft))
        else:
            self.title.setText(fmt.count(len(found), "pièce à envoyer", "pièces à envoyer"))
            self.documents.clear()
            for _id, title, draft in found:
                if isinstance(draft, BaseException):
                    self.documents.addItem(f"{title} : non envoyée — {errors.describe(draft)}")
                else:
                    to = ", ".join(draft.to) or "aucune adresse e-mail : non envoyée"
                    self.documents.addItem(f"{title} → {to}")
            warnings = tuple(dict.fromkeys(w for _i, _t, d in mailable for w in d.warnings
                                           if w[0] != "mail.consumer_domain"))
            consumer = [w for _i, _t, d in mailable for w in d.warnings
                        if w[0] == "mail.consumer_domain"]
            warnings += tuple(consumer[:3])
            self.info.setText(self._options_text(mailable[0][2]) if mailable else "")
        self.warnings.setText("\n".join(f"⚠ {messages.text(m, **p)}" for m, p in warnings))
        self.warnings.setVisible(bool(warnings))
        self.send_button.setEnabled(bool(mailable))

    @staticmethod
    def _options_text(draft) -> str:
        parts = []
        if draft.copy_to:
            parts.append(f"Une copie vous est envoyée ({draft.copy_to}).")
        if draft.read_receipt:
            parts.append("Un accusé de réception est demandé.")
        return " ".join(parts)

    # -- sending -----------------------------------------------------------------------------

    def send(self) -> None:
        self.send_button.setEnabled(False)
        self.errors.clear()
        notices = self.notices.isChecked()
        if self.single:
            mail_ops.queue_document(
                self.tasks, self, document_id=self.document_ids[0],
                to=split_addresses(self.to.text()), subject=self.subject.text().strip(),
                body=self.body.toPlainText(), notices_too=notices,
                on_done=lambda _r: self.accept(), on_error=self._refused)
            return
        wanted = [i for i, _t, d in self.drafts if not isinstance(d, BaseException) and d.to]
        mail_ops.queue_documents(self.tasks, self, document_ids=wanted, notices_too=notices,
                                 on_done=self._queued, on_error=self._refused)

    def _queued(self, result) -> None:
        _queued, failed, _changes = result
        if not failed:
            self.accept()
            return
        titles = {i: t for i, t, _d in self.drafts}
        self.errors.summary.setText("\n".join(
            f"{titles.get(i, i)} : {errors.describe(e)}" for i, e in failed))
        self.errors.panel.show()

    def _refused(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        if isinstance(error, ExtradeskError):
            self.errors.present(self, error)
        else:
            errors.show_error(self, error)
