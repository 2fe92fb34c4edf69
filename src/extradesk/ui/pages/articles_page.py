"""The Articles tab: a lazy table over an SQL snapshot, filters (family, « à classer »,
active), « Classer… » on the selection, the article form, families and suppliers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.services.articles.dto import ArticleFilter
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.ops import catalogues as catalogues_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tablemodels.articles_model import ArticlesModel
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.table import lazy_table

ACTIVE_CHOICES = (("Actifs", True), ("Inactifs", False), ("Actifs et inactifs", None))


class ArticlesPage(QWidget):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlesPage")
        self.tasks = tasks
        self.model = ArticlesModel(tasks, self)
        self.dialog = None
        self.family_filter = QComboBox()
        self.family_filter.setObjectName("familyFilter")
        self.family_filter.addItem("Toutes les familles", None)
        self.family_filter.setMinimumContentsLength(14)  # the bar fits 1,280 px (issue 11)
        self.to_classify = QCheckBox("À classer")
        self.to_classify.setObjectName("toClassify")
        self.to_classify.setToolTip("Articles sur le compte d'attente (707900)")
        self.reference = QLineEdit()
        self.reference.setObjectName("referenceFilter")
        self.reference.setPlaceholderText("Référence…")
        self.reference.setToolTip("Les articles dont le code commence par ce texte, ou dont "
                                  "la référence fournisseur est celle-ci")
        self.reference.setClearButtonEnabled(True)
        self.reference.setFixedWidth(140)
        self.active_filter = QComboBox()
        self.active_filter.setObjectName("activeFilter")
        for text, value in ACTIVE_CHOICES:
            self.active_filter.addItem(text, value)
        self.count_label = label("", "articleCount")
        self.new_button = primary(QPushButton("Nouvel article"))
        self.new_button.setObjectName("newArticle")
        self.classify_button = QPushButton("Classer…")
        self.classify_button.setObjectName("classify")
        self.classify_button.setEnabled(False)
        self.families_button = QPushButton("Familles et comptes…")
        self.families_button.setObjectName("editFamilies")
        self.suppliers_button = QPushButton("Fournisseurs…")
        self.suppliers_button.setObjectName("editSuppliers")
        bar = QHBoxLayout()
        for widget in (self.new_button, self.classify_button, self.reference,
                       self.family_filter, self.to_classify, self.active_filter):
            bar.addWidget(widget)
        bar.addStretch()
        for widget in (self.count_label, self.families_button, self.suppliers_button):
            bar.addWidget(widget)
        self.table = lazy_table(self.model, "articlesTable", multi_select=True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.classify_button.setEnabled(bool(self.selected_ids())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self.model.snapshot_loaded.connect(self._snapshot_loaded)
        self.model.count_loaded.connect(self._show_count)
        self.reference.textChanged.connect(lambda _t: self._filter())
        self.family_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.to_classify.toggled.connect(lambda _on: self._filter())
        self.active_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.new_button.clicked.connect(lambda: self.open_article(None))
        self.classify_button.clicked.connect(self.classify)
        self.families_button.clicked.connect(self.edit_families)
        self.suppliers_button.clicked.connect(self.edit_suppliers)
        tasks.changed.connect(self.apply_changes)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._filter()  # what the filter widgets say, even if set before the first load
        self._load_families()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.model.loaded and self.tasks.ctx is not None:  # first shown: load
            self.reload()

    def apply_changes(self, changes: Changes) -> None:
        self.model.apply_changes(changes)
        if self.model.loaded and (changes.everything or "family" in changes.references):
            self._load_families()

    def _load_families(self) -> None:
        articles_ops.list_families(self.tasks, self, on_done=self._fill_families)

    def _fill_families(self, items) -> None:
        current = self.family_filter.currentData()
        self.family_filter.blockSignals(True)
        self.family_filter.clear()
        self.family_filter.addItem("Toutes les familles", None)
        for f in items:
            self.family_filter.addItem(f.label if f.parent_id is None else f"    {f.label}", f.id)
        self.family_filter.setCurrentIndex(max(self.family_filter.findData(current), 0))
        self.family_filter.blockSignals(False)

    def _filter(self) -> None:
        self.model.reload(filters=ArticleFilter(
            family_id=self.family_filter.currentData(), to_classify=self.to_classify.isChecked(),
            active=self.active_filter.currentData(),
            reference=self.reference.text().strip() or None))

    def show_reference(self, reference: str) -> None:
        """Every article, active or not, whose code starts so or whose supplier reference is
        that one (a catalogue hit of the search box lands here)."""
        for widget in (self.family_filter, self.active_filter, self.to_classify,
                       self.reference):
            widget.blockSignals(True)
        self.family_filter.setCurrentIndex(0)
        self.active_filter.setCurrentIndex(self.active_filter.findData(None))
        self.to_classify.setChecked(False)
        self.reference.setText(reference)
        for widget in (self.family_filter, self.active_filter, self.to_classify,
                       self.reference):
            widget.blockSignals(False)
        if self.model.loaded:
            self._filter()  # else the first show loads with these filters

    def show_catalogue_line(self, line_id: int) -> None:
        """A catalogue hit of the search box: the articles with that line's reference (no
        catalogue import exists outside a document's line yet)."""
        catalogues_ops.line_ref(self.tasks, self, line_id=line_id, on_done=self.show_reference)

    def _snapshot_loaded(self) -> None:
        if not self.model.count_known:
            self.count_label.setText("…")  # the count follows the first page
        self.classify_button.setEnabled(bool(self.selected_ids()))

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        s = "s" if shown > 1 else ""
        self.count_label.setText(f"{fmt.integer(shown)} article{s}" if shown == total else
                                 f"{fmt.integer(shown)} affiché{s} sur {fmt.integer(total)}")

    # -- interaction -------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = (self.model.article_id(r) for r in rows if r < self.model.rowCount())
        return [i for i in ids if i is not None]

    def _activated(self, index: QModelIndex) -> None:
        article_id = self.model.article_id(index.row()) if index.isValid() else None
        if article_id is not None:
            self.open_article(article_id)

    def open_article(self, article_id: int | None):
        from extradesk.ui.dialogs.article_dialog import ArticleDialog

        self.dialog = ArticleDialog(self.tasks, article_id, self)
        self.dialog.open()
        return self.dialog

    def classify(self):
        from extradesk.ui.dialogs.classify_dialog import ClassifyDialog

        ids = self.selected_ids()
        if not ids:
            return None
        self.dialog = ClassifyDialog(self.tasks, ids, self)
        self.dialog.open()
        return self.dialog

    def edit_families(self):
        from extradesk.ui.dialogs.families_dialog import FamiliesDialog

        self.dialog = FamiliesDialog(self.tasks, self)
        self.dialog.open()
        return self.dialog

    def edit_suppliers(self):
        from extradesk.ui.dialogs.references_dialog import ReferencesDialog

        self.dialog = ReferencesDialog(self.tasks, "supplier", self)
        self.dialog.open()
        return self.dialog
