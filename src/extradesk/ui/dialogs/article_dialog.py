"""The article form: identity, prices, VAT, family (which proposes its account and VAT),
supplier, and the notices (drag and drop or a file picker, opened with the system viewer)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.tax import VAT_RATES
from extradesk.i18n import format as fmt
from extradesk.services.articles.dto import ArticleDetail, ArticleInput
from extradesk.ui.dialogs.notices_box import NoticesBox
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit, text_or_none

UNITS = ("u", "m", "ml", "m²", "m³", "h", "forfait", "kg", "l", "ens")


def number_text(value) -> str:
    return "" if value is None else fmt.decimal(value, 4).rstrip("0").rstrip(",")


class ArticleDialog(QDialog):
    def __init__(self, tasks: Tasks, article_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleDialog")
        self.setWindowTitle("Nouvel article" if article_id is None else "Article")
        self.setMinimumWidth(860)
        self.tasks, self.article_id = tasks, article_id
        self.families: list = []
        self.errors = FormErrors()
        self.code = line_edit("code", placeholder="W1245ER", width=180)
        self.label_edit = line_edit("label", placeholder="Désignation imprimée sur les pièces")
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setFixedHeight(60)
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        self.unit.setEditable(True)
        self.unit.addItems(UNITS)
        self.purchase = line_edit("purchase_price", width=100)
        self.sale = line_edit("sale_price", width=100)
        self.margin = line_edit("margin", placeholder="1,35", width=70)
        self.vat = QComboBox()
        self.vat.setObjectName("vat_rate")
        for rate in VAT_RATES:
            self.vat.addItem(f"{number_text(rate)} %", number_text(rate))
        self.family = QComboBox()
        self.family.setObjectName("family_id")
        self.sub_family = QComboBox()
        self.sub_family.setObjectName("sub_family_id")
        self.account = QComboBox()
        self.account.setObjectName("account_id")
        self.supplier = QComboBox()
        self.supplier.setObjectName("supplier_id")
        self.supplier_button = QPushButton("Fiche…")
        self.supplier_button.setObjectName("supplierRecord")
        self.supplier_button.setToolTip("La fiche du fournisseur choisi (ou un nouveau "
                                        "fournisseur) : contact, téléphone, n° de client")
        self.supplier_ref = line_edit("supplier_ref", width=160)
        self.active = QCheckBox("Article actif (proposé dans les pièces)")
        self.active.setObjectName("active")
        self.active.setChecked(True)
        self.price_date = label("", "priceDate")
        for combo in (self.family, self.sub_family, self.account, self.supplier):
            combo.setMinimumContentsLength(22)

        e = self.errors
        left = form_layout()
        left.addRow("Code", e.field("code", self.code))
        left.addRow("Désignation", e.field("label", self.label_edit))
        left.addRow("Description", e.field("description", self.description))
        left.addRow("Unité", e.field("unit", self.unit))
        prices = QWidget()
        row = QHBoxLayout(prices)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(e.field("purchase_price", self.purchase))
        row.addWidget(label("× coef."))
        row.addWidget(e.field("margin", self.margin))
        row.addWidget(label("= vente HT"))
        row.addWidget(e.field("sale_price", self.sale))
        row.addStretch()
        left.addRow("Achat HT", prices)
        left.addRow("TVA", e.field("vat_rate", self.vat))
        left.addRow("Famille", e.field("family_id", self.family))
        left.addRow("Sous-famille", e.field("sub_family_id", self.sub_family))
        left.addRow("Compte", e.field("account_id", self.account))
        supplier = QWidget()
        row = QHBoxLayout(supplier)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(e.field("supplier_id", self.supplier), 1)
        row.addWidget(self.supplier_button)
        left.addRow("Fournisseur", supplier)
        left.addRow("Réf. fournisseur", e.field("supplier_ref", self.supplier_ref))
        left.addRow("", self.active)
        left.addRow("", self.price_date)

        self.notices = NoticesBox(tasks, article_id, self)
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveArticle")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.notices, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.panel)
        layout.addLayout(body)
        layout.addWidget(buttons)

        self.family.currentIndexChanged.connect(self._family_chosen)
        self.sub_family.currentIndexChanged.connect(self._sub_family_chosen)
        self.margin.textEdited.connect(lambda _t: self.sale.clear())
        self.supplier_button.clicked.connect(self.open_supplier)
        self.supplier_dialog = None
        self.loaded = False
        articles_ops.article_form(tasks, self, article_id=article_id, on_done=self._loaded)

    # -- loading -----------------------------------------------------------------------------

    def _loaded(self, result) -> None:
        choices, detail = result
        self.families = choices["families"]
        self.family.addItem("", None)
        for f in self.families:
            if f.parent_id is None and (f.active or (detail and f.id == detail.family_id)):
                self.family.addItem(f.label, f.id)
        self.account.addItem("Compte d'attente (articles à classer)", None)
        for a in choices["accounts"]:
            self.account.addItem(a.display, a.id)
        self._fill_suppliers(choices["suppliers"], detail.supplier_id if detail else None)
        if detail is not None:
            self._show(detail)
        self.loaded = True

    def _show(self, d: ArticleDetail) -> None:
        self.setWindowTitle(f"Article {d.code}")
        self.code.setText(d.code)
        self.label_edit.setText(d.label)
        self.description.setPlainText(d.description or "")
        self.unit.setCurrentText(d.unit or "")
        self.purchase.setText(number_text(d.purchase_price))
        self.sale.setText(number_text(d.sale_price))
        self.margin.setText(number_text(d.margin))
        self.family.setCurrentIndex(max(self.family.findData(d.family_id), 0))
        self.sub_family.setCurrentIndex(max(self.sub_family.findData(d.sub_family_id), 0))
        self.account.setCurrentIndex(max(self.account.findData(d.account_id), 0))
        self.vat.setCurrentIndex(max(self.vat.findData(number_text(d.vat_rate)), 0))
        self.supplier.setCurrentIndex(max(self.supplier.findData(d.supplier_id), 0))
        self.supplier_ref.setText(d.supplier_ref or "")
        self.active.setChecked(d.active)
        if d.price_updated_on:
            self.price_date.setText(f"Prix mis à jour le {fmt.day(d.price_updated_on)}")

    def _fill_suppliers(self, items, current: int | None) -> None:
        self.supplier.clear()
        self.supplier.addItem("", None)
        for s in items:
            if s.active or s.id == current:
                self.supplier.addItem(s.label, s.id)
        self.supplier.setCurrentIndex(max(self.supplier.findData(current), 0))

    # -- supplier record ---------------------------------------------------------------------

    def open_supplier(self):
        """The chosen supplier's record, or a new supplier when none is chosen; once saved,
        the combo shows it (a new or renamed name included)."""
        from extradesk.ui.dialogs.supplier_dialog import SupplierDialog

        dialog = self.supplier_dialog = SupplierDialog(self.tasks, self.supplier.currentData(),
                                                       self)
        dialog.saved.connect(self._supplier_saved)
        dialog.open()
        return dialog

    def _supplier_saved(self, supplier_id: int) -> None:
        references_ops.list_items(self.tasks, self, list_name="supplier",
                                  on_done=lambda items: self._fill_suppliers(items, supplier_id))

    # -- family defaults ---------------------------------------------------------------------

    def _family_chosen(self, _index: int) -> None:
        family_id = self.family.currentData()
        self.sub_family.blockSignals(True)
        self.sub_family.clear()
        self.sub_family.addItem("", None)
        for f in self.families:
            if family_id is not None and f.parent_id == family_id and f.active:
                self.sub_family.addItem(f.label, f.id)
        self.sub_family.blockSignals(False)
        self._propose(family_id)

    def _sub_family_chosen(self, _index: int) -> None:
        self._propose(self.sub_family.currentData())

    def _propose(self, family_id: int | None) -> None:
        """A family proposes its account and VAT; the user may still change them."""
        if not self.loaded:
            return  # showing a stored article: keep its own values
        family = next((f for f in self.families if f.id == family_id), None)
        if family is None:
            return
        if family.account_id is not None:
            self.account.setCurrentIndex(max(self.account.findData(family.account_id), 0))
        if family.vat_rate is not None:
            self.vat.setCurrentIndex(max(self.vat.findData(number_text(family.vat_rate)), 0))

    # -- saving ------------------------------------------------------------------------------

    def data(self) -> ArticleInput:
        return ArticleInput(
            code=text_or_none(self.code), label=text_or_none(self.label_edit),
            description=self.description.toPlainText(), unit=self.unit.currentText(),
            purchase_price=self.purchase.text(), sale_price=self.sale.text(),
            margin=self.margin.text(), vat_rate=self.vat.currentData(),
            family_id=self.family.currentData(), sub_family_id=self.sub_family.currentData(),
            account_id=self.account.currentData(), supplier_id=self.supplier.currentData(),
            supplier_ref=text_or_none(self.supplier_ref), active=self.active.isChecked())

    def save(self) -> None:
        def done(result) -> None:
            self.article_id = result[0]
            self.accept()

        # notices chosen before the article existed are attached once it is created
        articles_ops.save_article(self.tasks, self, article_id=self.article_id, data=self.data(),
                                  notices=self.notices.pending_paths(), on_done=done,
                                  on_error=lambda e: self.errors.present(self, e))
