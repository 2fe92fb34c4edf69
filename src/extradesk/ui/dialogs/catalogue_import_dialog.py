"""Import a supplier's price file, step by step: file and supplier, detected format and the
columns (remembered per supplier), a preview with its errors, the reading on the worker
with progress and cancel, what changes before applying, done."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.dialogs import catalogue_import_pages as pages
from extradesk.ui.ops import catalogues as catalogues_ops
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

FIELD_TITLES = (("ref", "Référence *"), ("label", "Désignation"), ("family", "Famille"),
                ("sub_family", "Sous-famille"), ("unit", "Unité"),
                ("purchase_price", "Prix d'achat HT"), ("public_price", "Prix public HT"),
                ("vat_rate", "TVA"), ("ean", "EAN"))
FILE, FORMAT, PREVIEW, PROGRESS, DIFF, DONE = range(6)


class CatalogueImportDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogueImport")
        self.setWindowTitle("Importer un catalogue fournisseur")
        self.resize(900, 600)
        self.tasks = tasks
        self.sniffed = None
        self.staged = None
        self.stop = threading.Event()
        self.stack = QStackedWidget()
        for build in (self._file_page, self._format_page, self._preview_page,
                      self._progress_page, self._diff_page, self._done_page):
            self.stack.addWidget(build())
        self.back = QPushButton("Précédent")
        self.back.setObjectName("wizardBack")
        self.next = primary(QPushButton("Suivant"))
        self.next.setObjectName("wizardNext")
        self.next.setMinimumWidth(120)  # its text changes: Suivant, Importer, Appliquer
        self.close_button = QPushButton("Annuler")
        self.close_button.setObjectName("wizardClose")
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch()
        buttons.addWidget(self.next)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        self.title = label("", "sectionTitle")
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.show_step(FILE)
        references_ops.list_items(tasks, self, list_name="supplier", active_labels=True,
                                  on_done=self._suppliers_loaded)

    # -- pages ---------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.supplier = QComboBox()
        self.supplier.setObjectName("supplier")
        self.supplier.setEditable(True)
        self.supplier.lineEdit().setPlaceholderText("Choisissez ou tapez un nouveau fournisseur")
        self.path = QLineEdit()
        self.path.setObjectName("filePath")
        self.path.setPlaceholderText("Fichier CSV ou TXT exporté par le fournisseur")
        browse = QPushButton("Parcourir…")
        browse.setObjectName("browse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Fournisseur :", self.supplier)
        form.addRow("Fichier :", row)
        form.addRow(label("Encodages reconnus : UTF-8, Windows-1252, ISO-8859-1 ; séparateurs "
                          "point-virgule, virgule ou tabulation ; une ligne de titres.",
                          "hint", wrap=True))
        return page

    def _format_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        detected = QGroupBox("Format détecté (modifiable)")
        grid = QGridLayout(detected)
        self.encoding = pages.combo("encoding", pages.ENCODINGS)
        self.delimiter = pages.combo("delimiter", pages.DELIMITERS)
        self.decimal = pages.combo("decimal", pages.DECIMALS)
        self.has_header = QCheckBox("La première ligne contient les titres des colonnes")
        self.has_header.setObjectName("hasHeader")
        for n, (text, widget) in enumerate((("Encodage :", self.encoding),
                                            ("Séparateur :", self.delimiter),
                                            ("Décimales :", self.decimal))):
            grid.addWidget(label(text), 0, n * 2)
            grid.addWidget(widget, 0, n * 2 + 1)
        grid.addWidget(self.has_header, 1, 0, 1, 6)
        for widget in (self.encoding, self.delimiter):
            widget.activated.connect(lambda _i: self.sniff(keep_columns=True))
        self.has_header.clicked.connect(lambda _c: self.sniff(keep_columns=True))
        box.addWidget(detected)
        mapping = QGroupBox("Colonnes du fichier")
        self.mapping_grid = QGridLayout(mapping)
        self.columns: dict[str, QComboBox] = {}
        for n, (field, title) in enumerate(FIELD_TITLES):
            combo = QComboBox()
            combo.setObjectName(f"column_{field}")
            combo.setMinimumWidth(220)
            self.columns[field] = combo
            self.mapping_grid.addWidget(label(title), n // 2, (n % 2) * 2)
            self.mapping_grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
        self.remembered_note = label("", "hint", wrap=True)
        box.addWidget(mapping)
        box.addWidget(self.remembered_note)
        box.addStretch()
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.preview_note = label("", "hint", wrap=True)
        self.preview = pages.preview_table()
        self.skip_bad = QCheckBox("Importer les lignes valides et ignorer les lignes en erreur "
                                  "(sinon, une seule ligne en erreur et rien n'est importé)")
        self.skip_bad.setObjectName("skipBad")
        box.addWidget(self.preview_note)
        box.addWidget(self.preview, 1)
        box.addWidget(self.skip_bad)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.progress_text = label("Lecture du fichier…", wrap=True)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 1000)
        self.progress.setFormat("%p\u202f%")  # French: a space before the sign
        self.cancel_button = QPushButton("Annuler l'import")
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.clicked.connect(self.cancel)
        box.addStretch()
        box.addWidget(self.progress_text)
        box.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.cancel_button)
        box.addLayout(row)
        box.addStretch()
        return page

    def _diff_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.diff_text = label("", wrap=True)
        self.diff_text.setObjectName("diffSummary")
        self.diff_table = pages.diff_table()
        self.problems = label("", "hint", wrap=True)
        self.problems.setObjectName("skippedLines")
        box.addWidget(self.diff_text)
        box.addWidget(self.diff_table, 1)
        box.addWidget(self.problems)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.done_text = label("", wrap=True)
        self.done_text.setObjectName("doneText")
        box.addWidget(self.done_text)
        box.addStretch()
        return page

    # -- navigation ----------------------------------------------------------------------------

    def show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.title.setText(pages.TITLES[step])
        self.back.setVisible(step in (FORMAT, PREVIEW))
        self.next.setVisible(step in (FILE, FORMAT, PREVIEW, DIFF))
        self.next.setEnabled(True)
        self.next.setText({PREVIEW: "Importer", DIFF: "Appliquer"}.get(step, "Suivant"))
        self.close_button.setText("Fermer" if step == DONE else
                                  "Abandonner" if step == DIFF else "Annuler")
        self.close_button.setVisible(step != PROGRESS)  # the page has its own cancel

    def go_back(self) -> None:
        self.show_step(self.stack.currentIndex() - 1)

    def go_next(self) -> None:
        step = self.stack.currentIndex()
        if step == FILE:
            self.sniff(keep_columns=False)
        elif step == FORMAT:
            self.load_preview()
        elif step == PREVIEW:
            self.start_import()
        elif step == DIFF:
            self.apply()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Catalogue fournisseur", "",
                                              "Catalogues (*.csv *.txt);;Tous les fichiers (*)")
        if path:
            self.path.setText(path)

    def _suppliers_loaded(self, names: list[str]) -> None:
        current = self.supplier.currentText()
        self.supplier.addItems(names)
        self.supplier.setCurrentText(current)

    # -- the work, on the database worker ------------------------------------------------------

    def sniff(self, *, keep_columns: bool) -> None:
        path, supplier = self.path.text().strip(), self.supplier.currentText().strip()
        imposed = pages.imposed_format(self) if keep_columns else {}
        self.next.setEnabled(False)
        catalogues_ops.inspect_file(self.tasks, self, path=path, supplier=supplier,
                                    imposed=imposed,
                                    on_done=lambda result: self._sniffed(result, keep_columns),
                                    on_error=self._failed)

    def _sniffed(self, result, keep_columns: bool) -> None:
        self.supplier_id, self.sniffed, remembered, guessed = result[:4]
        pages.show_format(self, self.sniffed, remembered, guessed, keep_columns)
        self.show_step(FORMAT)

    def mapping(self) -> dict[str, int]:
        return {f: c.currentData() for f, c in self.columns.items()
                if c.currentData() is not None}

    def file_format(self):
        return pages.chosen_format(self)

    def load_preview(self) -> None:
        path, fmt, mapping = self.path.text().strip(), self.file_format(), self.mapping()
        self.next.setEnabled(False)
        catalogues_ops.preview_file(self.tasks, self, path=path, file_format=fmt, mapping=mapping,
                                    on_done=self._previewed, on_error=self._failed)

    def _previewed(self, items) -> None:
        pages.show_preview(self, items)
        self.show_step(PREVIEW)

    def start_import(self) -> None:
        path, fmt, mapping = self.path.text().strip(), self.file_format(), self.mapping()
        supplier_id, skip, headers = self.supplier_id, self.skip_bad.isChecked(), \
            self.sniffed.headers
        self.stop.clear()
        self.progress.setValue(0)
        self.progress_text.setText("Lecture du fichier…")
        self.cancel_button.setEnabled(True)
        self.show_step(PROGRESS)

        name = self.supplier.currentText().strip()
        catalogues_ops.stage(self.tasks, self, supplier_id=supplier_id, supplier=name, path=path,
                             file_format=fmt, mapping=mapping, skip_bad=skip, headers=headers,
                             cancelled=self.stop.is_set, progress=self._progress,
                             on_done=self._staged, on_error=self._import_failed)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(1000 * done / max(total, 1)))

    def cancel(self) -> None:
        self.stop.set()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText("Annulation en cours…")

    def _staged(self, staged) -> None:
        self.staged = staged
        self.supplier_id = staged.supplier_id  # created by the import when it was new
        pages.show_diff(self, staged)
        self.show_step(DIFF)

    def _import_failed(self, error: BaseException) -> None:
        self.show_step(PREVIEW)
        self._failed(error)

    def apply(self) -> None:
        import_id, lines = self.staged.import_id, self.staged.lines
        self.staged = None
        self.progress_text.setText("Mise en service du nouveau catalogue…")
        self.cancel_button.setEnabled(False)
        self.show_step(PROGRESS)
        catalogues_ops.apply_import(self.tasks, self, import_id=import_id,
                                    progress=self._progress,
                                    on_done=lambda _c: self._applied(lines),
                                    on_error=self._failed)

    def _applied(self, lines: int) -> None:
        from extradesk.i18n import format as fmt

        self.done_text.setText(f"Catalogue de {self.supplier.currentText()} importé : "
                               f"{fmt.count(lines, 'ligne', 'lignes')}. Les références se trouvent "
                               "dès maintenant depuis les devis et la recherche (*référence).")
        self.show_step(DONE)

    def _failed(self, error: BaseException) -> None:
        from extradesk.ui import errors

        self.next.setEnabled(True)
        errors.show_error(self, error)

    def reject(self) -> None:
        """Closing before "Appliquer" forgets the staged lines: the catalogue stays as it was."""
        if self.stack.currentIndex() == PROGRESS:
            self.cancel()
            return
        if self.staged is not None:
            import_id = self.staged.import_id
            self.staged = None
            # no owner: the dialog closes now, the pending lines must go all the same
            catalogues_ops.discard_import(self.tasks, None, import_id=import_id)
        super().reject()

