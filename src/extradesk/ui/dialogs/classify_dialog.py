"""« Classer… »: one family, sub-family and account for many selected articles at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from extradesk.i18n import format as fmt
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

KEEP = "(inchangé)"


class ClassifyDialog(QDialog):
    def __init__(self, tasks: Tasks, ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classifyDialog")
        self.setWindowTitle("Classer des articles")
        self.setMinimumWidth(440)
        self.tasks, self.ids, self.families = tasks, ids, []
        self.errors = FormErrors()
        self.family, self.sub_family, self.account = QComboBox(), QComboBox(), QComboBox()
        for name, combo in (("family_id", self.family), ("sub_family_id", self.sub_family),
                            ("account_id", self.account)):
            combo.setObjectName(name)
            combo.setMinimumContentsLength(26)
        n = len(ids)
        form = form_layout()
        form.addRow("Famille", self.errors.field("family_id", self.family))
        form.addRow("Sous-famille", self.errors.field("sub_family_id", self.sub_family))
        form.addRow("Compte", self.errors.field("account_id", self.account))
        buttons = QDialogButtonBox()
        self.apply_button = primary(buttons.addButton(
            f"Classer {fmt.integer(n)} article{'s' if n > 1 else ''}",
            QDialogButtonBox.ButtonRole.AcceptRole))
        self.apply_button.setObjectName("applyClassify")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"{fmt.integer(n)} article{'s' if n > 1 else ''} "
                               f"sélectionné{'s' if n > 1 else ''}.", "classifyCount"))
        layout.addWidget(self.errors.panel)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.family.currentIndexChanged.connect(self._family_chosen)

        articles_ops.families_and_accounts(tasks, self, on_done=self._loaded)

    def _loaded(self, result) -> None:
        self.families, accounts = result
        self.family.addItem(KEEP, None)
        for f in self.families:
            if f.parent_id is None and f.active:
                self.family.addItem(f.label, f.id)
        self.account.addItem(KEEP, None)
        for a in accounts:
            if a.active and not a.waiting:
                self.account.addItem(a.display, a.id)
        self._family_chosen(0)

    def _family_chosen(self, _index: int) -> None:
        family_id = self.family.currentData()
        self.sub_family.clear()
        self.sub_family.addItem("", None)
        for f in self.families:
            if family_id is not None and f.parent_id == family_id and f.active:
                self.sub_family.addItem(f.label, f.id)
        family = next((f for f in self.families if f.id == family_id), None)
        if family is not None and family.account_id is not None:  # the family's account
            self.account.setCurrentIndex(max(self.account.findData(family.account_id), 0))

    def apply(self) -> None:
        ids = list(self.ids)
        family, sub = self.family.currentData(), self.sub_family.currentData()
        account = self.account.currentData()
        articles_ops.classify(self.tasks, self, article_ids=ids, family_id=family,
                              sub_family_id=sub, account_id=account,
                              on_done=lambda _c: self.accept(),
                              on_error=lambda e: self.errors.present(self, e))
