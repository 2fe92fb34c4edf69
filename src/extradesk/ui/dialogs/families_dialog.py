"""Families and sub-families (with the account and VAT they propose) and the sales accounts
of the accounting plan, including which one holds the articles to classify."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.tax import VAT_RATES
from extradesk.ui.dialogs.article_dialog import number_text
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

ID_ROLE = Qt.ItemDataRole.UserRole


class FamilyForm(QDialog):
    """A family's (or sub-family's, or account's) few fields; saved by
    `submit(form, values, on_done=…, on_error=…)`, which runs an operation of ui/ops."""

    def __init__(self, tasks: Tasks, title: str, submit, *, accounts=(), values=None,
                 account_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familyForm")
        self.setWindowTitle(title)
        self.tasks, self.submit, values = tasks, submit, values or {}
        self.errors = FormErrors()
        form = form_layout()
        self.code = QLineEdit(values.get("code", ""))
        self.code.setObjectName("account_code")
        self.name = QLineEdit(values.get("label", ""))
        self.name.setObjectName("label")
        self.account, self.vat = QComboBox(), QComboBox()
        if account_mode:
            form.addRow("Numéro", self.errors.field("account_code", self.code))
        form.addRow("Libellé", self.errors.field("label", self.name))
        if not account_mode:
            self.account.addItem("(aucun)", None)
            for a in accounts:
                self.account.addItem(a.display, a.id)
            self.account.setCurrentIndex(max(self.account.findData(values.get("account_id")), 0))
            self.vat.addItem("(aucune)", None)
            for rate in VAT_RATES:
                self.vat.addItem(f"{number_text(rate)} %", number_text(rate))
            self.vat.setCurrentIndex(max(self.vat.findData(values.get("vat")), 0))
            form.addRow("Compte proposé", self.errors.field("account_id", self.account))
            form.addRow("TVA proposée", self.errors.field("vat_rate", self.vat))
        buttons = QDialogButtonBox()
        primary(buttons.addButton("Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.panel)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        values = {"code": self.code.text(), "label": self.name.text(),
                  "account_id": self.account.currentData(), "vat": self.vat.currentData()}
        self.submit(self, values, on_done=lambda _r: self.accept(),
                    on_error=lambda e: self.errors.present(self, e))


class FamiliesDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familiesDialog")
        self.setWindowTitle("Familles d'articles et plan comptable")
        self.resize(900, 480)
        self.tasks, self.families, self.accounts, self.form = tasks, [], [], None
        self.tree = QTreeWidget()
        self.tree.setObjectName("familiesTree")
        self.tree.setHeaderLabels(["Famille", "Compte proposé", "TVA", "Articles"])
        self.tree.setColumnWidth(0, 220)
        self.account_tree = QTreeWidget()
        self.account_tree.setObjectName("accountsTree")
        self.account_tree.setRootIsDecorated(False)
        self.account_tree.setHeaderLabels(["Compte", "Libellé", "Articles"])
        self.account_tree.setColumnWidth(1, 200)
        buttons = {}
        for name, text, slot in (
                ("addFamily", "Nouvelle famille…", lambda: self.edit_family(None, None)),
                ("addSubFamily", "Nouvelle sous-famille…", self.add_sub_family),
                ("editFamily", "Modifier…", self.edit_selected_family),
                ("addAccount", "Nouveau compte…", lambda: self.edit_account(None)),
                ("editAccount", "Modifier…", self.edit_selected_account),
                ("setWaiting", "Compte d'attente", self.set_waiting)):
            buttons[name] = QPushButton(text)
            buttons[name].setObjectName(name)
            buttons[name].clicked.connect(slot)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(label("Familles et sous-familles"))
        left.addWidget(self.tree)
        right.addWidget(label("Comptes de vente (compte d'attente : « à classer »)"))
        right.addWidget(self.account_tree)
        for column, names in ((left, ("addFamily", "addSubFamily", "editFamily")),
                              (right, ("addAccount", "editAccount", "setWaiting"))):
            row = QHBoxLayout()
            for name in names:
                row.addWidget(buttons[name])
            column.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        articles_ops.families_and_accounts(self.tasks, self, with_usage=True,
                                           on_done=self._show)

    def _show(self, result) -> None:
        self.families, self.accounts = result
        codes = {a.id: a.code for a in self.accounts}
        self.tree.clear()
        tops: dict[int, QTreeWidgetItem] = {}
        for f in self.families:
            parent = tops.get(f.parent_id)
            item = QTreeWidgetItem([f.label, codes.get(f.account_id, ""),
                                    f"{number_text(f.vat_rate)} %" if f.vat_rate is not None
                                    else "", str(f.usage)])
            item.setData(0, ID_ROLE, f.id)
            if parent is None:
                self.tree.addTopLevelItem(item)
                tops[f.id] = item
            else:
                parent.addChild(item)
        self.tree.expandAll()
        self.account_tree.clear()
        for a in self.accounts:
            item = QTreeWidgetItem([a.code, a.label + ("  (attente)" if a.waiting else ""),
                                    str(a.usage)])
            item.setData(0, ID_ROLE, a.id)
            self.account_tree.addTopLevelItem(item)

    def _family(self):
        item = self.tree.currentItem()
        key = item.data(0, ID_ROLE) if item is not None else None
        return next((f for f in self.families if f.id == key), None)

    def _account(self):
        item = self.account_tree.currentItem()
        key = item.data(0, ID_ROLE) if item is not None else None
        return next((a for a in self.accounts if a.id == key), None)

    def _open(self, form: FamilyForm) -> None:
        self.form = form
        form.accepted.connect(self.reload)
        form.open()

    def add_sub_family(self) -> None:
        family = self._family()
        if family is not None:
            self.edit_family(None, family.parent_id or family.id)

    def edit_selected_family(self) -> None:
        family = self._family()
        if family is not None:
            self.edit_family(family, family.parent_id)

    def edit_family(self, family, parent_id: int | None) -> None:
        def submit(form, v, **callbacks):
            return articles_ops.save_family(
                self.tasks, form, family_id=None if family is None else family.id,
                parent_id=parent_id, label=v["label"], account_id=v["account_id"],
                vat_rate=v["vat"], **callbacks)

        values = {} if family is None else {"label": family.label,
                                            "account_id": family.account_id,
                                            "vat": number_text(family.vat_rate)}
        title = ("Nouvelle famille" if parent_id is None else "Nouvelle sous-famille") \
            if family is None else f"Famille « {family.label} »"
        self._open(FamilyForm(self.tasks, title, submit, accounts=self.accounts, values=values,
                              parent=self))

    def edit_selected_account(self) -> None:
        account = self._account()
        if account is not None:
            self.edit_account(account)

    def edit_account(self, account) -> None:
        def submit(form, v, **callbacks):
            return articles_ops.save_account(
                self.tasks, form, account_id=None if account is None else account.id,
                code=v["code"], label=v["label"], **callbacks)

        values = {} if account is None else {"code": account.code, "label": account.label}
        self._open(FamilyForm(self.tasks, "Compte de vente", submit, values=values,
                              account_mode=True, parent=self))

    def set_waiting(self) -> None:
        account = self._account()
        if account is None:
            return
        articles_ops.set_waiting_account(self.tasks, self, account_id=account.id,
                                         on_done=lambda _c: self.reload())
