"""A typed code that is no article: create the article, or find it in the supplier catalogues
and import it with the values the user ticks; the article's line then goes on the document."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.services.documents.dto import LineInput
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.ops import catalogues as catalogues_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

# What "mettre à jour" can take, with what the box says.
TAKE = (("family", "Famille"), ("sub_family", "Sous-famille"),
        ("purchase_price", "Prix d'achat"), ("account", "Compte comptable"))
COLUMNS = ("Fournisseur", "Référence", "Désignation", "Prix d'achat HT")


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class ArticleLookup(QDialog):
    """Window-modal, opened with open(): results keep arriving from the worker meanwhile."""

    def __init__(self, tasks: Tasks, code: str, on_line: Callable[[LineInput], None], *,
                 on_free: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleLookup")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Article inconnu")
        self.setMinimumWidth(760)
        self.tasks, self.code, self.on_line, self.on_free = tasks, code, on_line, on_free
        self.matches: list = []
        # Two pages, one shown at a time; a hidden page does not size the dialog, so the
        # short question stays a small window.
        self.choice_page, self.search_page = self._choice_page(), self._search_page()
        self.search_page.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice_page)
        layout.addWidget(self.search_page)

    # -- the choice ----------------------------------------------------------------------------

    def _choice_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(label(f"« {self.code} » n'est pas dans la base d'articles.",
                            "sectionTitle", wrap=True))
        box.addWidget(label("Vous pouvez le créer, ou le reprendre du catalogue d'un "
                            "fournisseur avec sa désignation et ses prix.", "hint", wrap=True))
        row = QHBoxLayout()
        self.search_choice = primary(_button("Rechercher dans les catalogues fournisseurs",
                                             "searchCatalogues", self.show_search))
        self.create_choice = _button("Créer un nouvel article", "createArticle",
                                     self.create_article)
        self.free_choice = _button("Ligne libre", "freeLine", self.free_line)
        cancel = _button("Annuler", "cancelLookup", self.reject)
        for widget in (self.search_choice, self.create_choice, self.free_choice):
            row.addWidget(widget)
        row.addStretch()
        row.addWidget(cancel)
        box.addSpacing(16)
        box.addLayout(row)
        self.search_choice.setDefault(True)
        return page

    def free_line(self) -> None:
        self.accept()
        self.on_free()

    def create_article(self) -> None:
        """The article form with the typed code; its line is added once it is saved."""
        from extradesk.ui.dialogs.article_dialog import ArticleDialog

        dialog = ArticleDialog(self.tasks, None, self.parentWidget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.code.setText(self.code)
        dialog.accepted.connect(lambda: self._add_article(dialog.article_id))
        self.accept()
        dialog.open()

    def _add_article(self, article_id: int | None) -> None:
        if article_id is None:
            return
        # no owner: this box is closed by now, the line goes to the editor all the same
        articles_ops.line_input(self.tasks, None, article_id=article_id, on_done=self.on_line)

    # -- searching the catalogues ------------------------------------------------------------

    def _search_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        self.query = QLineEdit(self.code)
        self.query.setObjectName("lookupQuery")
        self.query.setPlaceholderText("Référence ou mots de la désignation")
        self.query.returnPressed.connect(self.run_search)
        self.run_button = primary(_button("Lancer la recherche", "runSearch", self.run_search))
        row.addWidget(self.query, 1)
        row.addWidget(self.run_button)
        box.addLayout(row)
        self.status = label("", "hint", wrap=True)
        box.addWidget(self.status)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("lookupResults")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(220)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.import_selected())
        box.addWidget(self.table, 1)
        box.addWidget(label("Mettre à jour depuis le catalogue (sinon : valeurs par défaut, "
                            "compte d'attente 707900) :", wrap=True))
        grid = QGridLayout()
        self.take: dict[str, QCheckBox] = {}
        self.values: dict[str, object] = {}
        for n, (key, text) in enumerate(TAKE):
            check = QCheckBox(text)
            check.setObjectName(f"take_{key}")
            check.setChecked(key != "account")
            value = label("", "hint")
            self.take[key], self.values[key] = check, value
            grid.addWidget(check, n // 2, (n % 2) * 2)
            grid.addWidget(value, n // 2, (n % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        box.addLayout(grid)
        buttons = QHBoxLayout()
        back = _button("Retour", "lookupBack", self.show_choice)
        self.import_button = primary(_button("Importer", "importArticle",
                                             self.import_selected))
        self.import_button.setEnabled(False)
        buttons.addWidget(back)
        buttons.addStretch()
        buttons.addWidget(self.import_button)
        buttons.addWidget(_button("Annuler", "cancelSearch", self.reject))
        box.addLayout(buttons)
        return page

    def show_search(self) -> None:
        self.choice_page.hide()
        self.search_page.show()
        self.resize(max(self.width(), 820), 520)
        self.query.setFocus()
        if not self.matches:  # the typed code is the question: answer it at once
            self.run_search()

    def show_choice(self) -> None:
        self.search_page.hide()
        self.choice_page.show()
        self.adjustSize()

    def run_search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self.status.setText("Recherche en cours…")
        catalogues_ops.search(self.tasks, self, text=text, limit=100, on_done=self._show_matches)

    def _show_matches(self, matches: list) -> None:
        self.matches = matches
        self.table.setRowCount(len(matches))
        for row, m in enumerate(matches):
            price = fmt.money(m.purchase_price) if m.purchase_price is not None else ""
            for col, value in enumerate((m.supplier, m.ref, m.label, price)):
                item = QTableWidgetItem(value)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(3)
        count = len(matches)
        self.status.setText("Aucune ligne de catalogue ne correspond." if not count else
                            fmt.count(count, "ligne trouvée", "lignes trouvées")
                            + " dans les catalogues fournisseurs.")
        if count:
            self.table.selectRow(0)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.matches[rows[0].row()] if rows else None

    def _selected(self) -> None:
        m = self.selected()
        self.import_button.setEnabled(m is not None)
        if m is None:
            return
        shown = {"family": m.family or "—", "sub_family": m.sub_family or "—",
                 "purchase_price": fmt.money(m.purchase_price) + " HT"
                 if m.purchase_price is not None else "—",
                 "account": "celui de la famille"}
        for key, value in shown.items():
            self.values[key].setText(value)

    def import_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        take = {key for key, check in self.take.items() if check.isChecked()}
        def done(result) -> None:
            self.accept()
            self.on_line(result[0])

        self.import_button.setEnabled(False)
        catalogues_ops.import_article(self.tasks, self, line_id=m.id, take=take, on_done=done,
                                      on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        from extradesk.ui import errors

        self.import_button.setEnabled(True)
        errors.show_error(self, error)


def offer(parent: QWidget, tasks: Tasks, code: str, on_line: Callable[[LineInput], None],
          on_free: Callable[[], None]) -> None:
    """When supplier catalogues exist, ask what to do with the unknown code; otherwise a
    free line as before (nothing to search, and typing stays uninterrupted)."""

    def decided(any_catalogue: bool) -> None:
        if not any_catalogue:
            on_free()
            return
        dialog = ArticleLookup(tasks, code, on_line, on_free=on_free, parent=parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    catalogues_ops.has_lines(tasks, parent, on_done=decided)
