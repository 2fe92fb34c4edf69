"""What the editor does to lines: add by code, text lines, delete, options, edits and moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QMenu, QPushButton, QWidget

from extradesk.core.workflow import DocumentKind
from extradesk.services.documents.dto import DocumentDetail, LineInput
from extradesk.ui import prompts
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.ops import documents as documents_ops

if TYPE_CHECKING:
    from extradesk.ui.documents.editor import DocumentEditor

TEXT_PREFIX = "txt_"


def new_line_input(code: str) -> LineInput:
    """What a typed code adds when it is no article: a free line named after the code, or a
    text line ("txt_titre" -> "Titre") the user then rewrites."""
    if code.lower().startswith(TEXT_PREFIX):
        words = code[len(TEXT_PREFIX):].replace("_", " ").strip()
        return LineInput(code=code, label=words.capitalize() or "Texte")
    return LineInput(code=code, label=code, quantity="1", unit_price="0", vat_rate="20")


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class LineActions:
    def __init__(self, editor: DocumentEditor) -> None:
        self.editor = editor
        self.model = editor.model
        self.return_to_code = False  # an auto-started edit gives the focus back to the code
        self.code = QLineEdit()
        self.code.setObjectName("codeEdit")
        self.code.setPlaceholderText("Code article ou txt_… puis Entrée")
        self.code.setMinimumWidth(260)
        self.code.returnPressed.connect(self.add_code)
        self.add_button = _button("Ajouter une ligne", "addLine", self.add_code)
        self.text_button = _button("Ajouter un texte", "addText", self.add_text)
        self.option_button = _button("Créer une option…", "createOption", self.create_option)
        self.out_button = _button("Retirer de l'option", "leaveOption", self.remove_from_option)
        self.delete_button = _button("Supprimer…", "deleteLines", self.delete_selected)
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.code, self.add_button, self.text_button):
            row.addWidget(widget)
        row.addStretch()
        for widget in (self.option_button, self.out_button, self.delete_button):
            row.addWidget(widget)
        self.model.line_edited.connect(self.update_line)
        self.model.option_renamed.connect(self.rename_option)
        self.model.move_requested.connect(self.move)
        editor.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.tree.customContextMenuRequested.connect(self.context_menu)

    def update(self, detail: DocumentDetail) -> None:
        self.bar.setVisible(detail.editable)
        quote = detail.kind == DocumentKind.QUOTE
        self.option_button.setVisible(quote)
        self.out_button.setVisible(quote)

    # -- selection ---------------------------------------------------------------------------

    def selected_keys(self) -> list[tuple[str, int]]:
        keys = []
        for index in self.editor.tree.selectionModel().selectedRows(0):
            option = self.model.option_at(index)
            line = self.model.line_at(index) if option is None else None
            if option is not None:
                keys.append(("option", option.id))
            elif line is not None:
                keys.append(("line", line.id))
        return keys

    def index_of_key(self, key: tuple[str, int]) -> QModelIndex:
        kind, key_id = key
        if kind == "line":
            return self.model.index_of_line(key_id)
        for index in self.model.option_rows():
            if self.model.option_at(index).id == key_id:
                return index
        return QModelIndex()

    def selected_line_ids(self, *, with_groups: bool = False) -> list[int]:
        """Selected lines in document order; `with_groups`: a selected option counts whole."""
        keys = self.selected_keys()
        lines = {i for kind, i in keys if kind == "line"}
        options = {i for kind, i in keys if kind == "option"}
        detail = self.editor.detail
        if detail is None:
            return []
        return [line.id for line in detail.lines if line.id in lines
                or (with_groups and line.option_id in options)]

    # -- adding, editing ---------------------------------------------------------------------

    def add_code(self) -> None:
        code = self.code.text().strip()
        if not code:
            self.code.setFocus()
            return
        if code.lower().startswith(TEXT_PREFIX):
            self._add(new_line_input(code), lambda: self.code.clear())
            return

        def found(line: LineInput | None) -> None:
            if line is not None:  # an article of the base: its label, unit, price, VAT
                self._add(line, lambda: self.code.clear())
            else:
                self.code_not_found(code)

        articles_ops.line_for_code(self.editor.tasks, self.editor, code=code, on_done=found)

    def code_not_found(self, code: str) -> None:
        """A code that is no article of the base: create it or import it from a supplier
        catalogue (article_lookup); a free line named after it when there is no catalogue."""
        from extradesk.ui.documents import article_lookup

        article_lookup.offer(self.editor, self.editor.tasks, code,
                             lambda line: self._add(line, self.code.clear),
                             lambda: self._add(new_line_input(code), self.code.clear))

    def add_text(self) -> None:
        self._add(LineInput(code="txt_texte", label="Nouveau texte"))

    def _add(self, data: LineInput, then=None) -> None:
        def done(result) -> None:
            self.editor.focus_line = result[0]
            if then is not None:
                then()

        self.editor.change(documents_ops.add_line, document_id=self.editor.document_id,
                           data=data, on_done=done)

    def update_line(self, line_id: int, data: LineInput) -> None:
        self.editor.change(documents_ops.update_line, line_id=line_id, data=data)

    def delete_selected(self) -> None:
        ids = self.selected_line_ids(with_groups=True)
        if not ids or self.editor.detail is None or not self.editor.detail.editable:
            return
        count = "la ligne sélectionnée" if len(ids) == 1 else f"les {len(ids)} lignes sélectionnées"
        prompts.confirm(self.editor, "Supprimer des lignes", f"Supprimer {count} ?",
                        lambda: self.editor.change(documents_ops.delete_lines, line_ids=ids),
                        yes_text="Supprimer")

    def context_menu(self, at: QPoint) -> None:
        detail = self.editor.detail
        if detail is None or not detail.editable:
            return
        menu = QMenu(self.editor.tree)
        menu.setObjectName("linesMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        line = self.model.line_at(self.editor.tree.indexAt(at))
        if line is not None and self.model.option_at(self.editor.tree.indexAt(at)) is None:
            menu.addAction("Modifier la description…", lambda: self.edit_description(line.id))
        if detail.kind == DocumentKind.QUOTE:
            menu.addAction("Créer une option…", self.create_option)
            menu.addAction("Retirer de l'option", self.remove_from_option)
        menu.addAction("Supprimer…", self.delete_selected)
        menu.popup(self.editor.tree.viewport().mapToGlobal(at))

    def edit_description(self, line_id: int) -> QInputDialog | None:
        """The description printed under a line's designation (several lines of text)."""
        line = next((x for x in self.editor.detail.lines if x.id == line_id), None)
        if line is None:
            return None
        dialog = QInputDialog(self.editor)
        dialog.setObjectName("descriptionDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setWindowTitle("Description de la ligne")
        dialog.setLabelText(f"Description imprimée sous « {line.label or ''} » :")
        dialog.setTextValue(line.description or "")
        dialog.setOkButtonText("Valider")
        dialog.setCancelButtonText("Annuler")
        values = line.as_input().__dict__
        dialog.textValueSelected.connect(lambda text: self.update_line(
            line_id, LineInput(**(values | {"description": text}))))
        dialog.open()
        return dialog

    # -- options -----------------------------------------------------------------------------

    def create_option(self) -> None:
        ids = self.selected_line_ids()
        detail = self.editor.detail
        if not ids:
            self.editor.show_problem(_nothing_selected())
            return
        default = f"Option {len(detail.options) + 1}"

        def create(title: str) -> None:
            title = "" if title.strip() == default else title  # "Option 2", not "Option 2 : Option 2"
            self.editor.change(documents_ops.create_option, line_ids=ids, title=title)

        prompts.ask_text(self.editor, "Créer une option", "Titre de l'option :", default, create)

    def rename_option(self, option_id: int, title: str) -> None:
        self.editor.change(documents_ops.rename_option, option_id=option_id, title=title)

    def remove_from_option(self) -> None:
        """Selected option headings are dissolved; selected lines leave their option and
        land right after it."""
        keys = self.selected_keys()
        options = [i for kind, i in keys if kind == "option"]
        detail = self.editor.detail
        lines = [line for line in detail.lines if ("line", line.id) in keys
                 and line.option_id is not None and line.option_id not in options]
        if not options and not lines:
            self.editor.show_problem(_nothing_selected())
            return
        self.editor.change(documents_ops.leave_options, option_ids=options,
                           line_ids=[line.id for line in lines],
                           before_line_id=_after_group(detail, lines[-1].option_id)
                           if lines else None)

    def move(self, line_ids, before_line_id, option_id) -> None:
        self.editor.change(documents_ops.move_lines, line_ids=line_ids,
                           before_line_id=before_line_id, option_id=option_id)


def _after_group(detail: DocumentDetail, option_id: int) -> int | None:
    """The first line after option `option_id` (None: the group ends the document)."""
    seen = False
    for line in detail.lines:
        if line.option_id == option_id:
            seen = True
        elif seen:
            return line.id
    return None


def _nothing_selected():
    from extradesk.core.errors import Problem, ValidationError

    return ValidationError([Problem(None, "line.none_selected")])
