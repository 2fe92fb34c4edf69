"""Form plumbing shared by the dialogs: editors named after DTO fields, errors shown beside them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.errors import ExtradeskError, Problem, ValidationError
from extradesk.i18n import messages
from extradesk.ui import errors
from extradesk.ui.style import error_label, label, mark_invalid


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A label/field form whose fields take the width they are given (not so on every style)."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def line_edit(name: str, *, placeholder: str = "", width: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)  # the DTO field name: tests and error mapping find it by that
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(False)
    if width:
        edit.setFixedWidth(width)
    return edit


def text_or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def fill_combo(combo: QComboBox, items, current: int | None, *, blank: str = "") -> None:
    """Reference items into a combo: active ones, plus the current one even if deactivated."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(blank, None)
    for item in items:
        if item.active or item.id == current:
            combo.addItem(item.label, item.id)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class FormErrors:
    """Maps Problem.field to the editor and the red line under it; the rest goes to a panel."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[list[QWidget], QLabel]] = {}
        self.panel = QFrame()
        self.panel.setObjectName("errorPanel")
        self.summary = label("", "errorSummary", wrap=True)
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.summary)
        self.panel.hide()

    def field(self, name: str, editor: QWidget) -> QWidget:
        """`editor` with the red error line of field `name` under it; returns that cell."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(self._error_line(name, editor))
        return cell

    def pair(self, first: tuple[str, QWidget], second: tuple[str, QWidget]) -> QWidget:
        """Two fields on one line (postal code and city); their error lines under both, the
        whole width (under an 80-px postal code, a sentence wrapped onto five lines)."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        first[1].setSizePolicy(QSizePolicy.Policy.Fixed, first[1].sizePolicy().verticalPolicy())
        row.addWidget(first[1])
        row.addWidget(second[1], 1)
        column.addLayout(row)
        for name, editor in (first, second):
            column.addWidget(self._error_line(name, editor))
        return cell

    def _error_line(self, name: str, editor: QWidget) -> QLabel:
        error = error_label()
        error.setObjectName(f"{name}Error")
        self._fields[name] = ([editor], error)
        return error

    def clear(self) -> None:
        for editors, error in self._fields.values():
            for editor in editors:
                mark_invalid(editor, False)
            error.clear()
            error.hide()
        self.panel.hide()

    def show(self, error: ExtradeskError) -> QWidget | None:
        """Show every problem; returns the first editor to focus (None if none is named)."""
        self.clear()
        problems = error.problems if isinstance(error, ValidationError) else [
            Problem(None, error.message_id, error.params)]
        first: QWidget | None = None
        texts: dict[QLabel, list[str]] = {}
        loose: list[str] = []
        for problem in problems:
            text = messages.problem_text(problem)
            target = self._fields.get(problem.field or "")
            if target is None:
                loose.append(text)
                continue
            editors, line = target
            for editor in editors:
                mark_invalid(editor, True)
            texts.setdefault(line, []).append(text)
            first = first or editors[0]
        for line, lines in texts.items():
            line.setText("\n".join(lines))
            line.show()
        count = len(problems)
        head = "La saisie contient une erreur" if count == 1 else \
            f"La saisie contient {count} erreurs"
        body = "\n".join(loose) if loose else "Corrigez les champs signalés en rouge."
        self.summary.setText(f"{head} : rien n'a été enregistré.\n{body}")
        self.panel.show()
        return first

    def present(self, parent: QWidget, error: BaseException) -> None:
        """Domain errors in place, beside their fields; anything else to the error presenter."""
        if not isinstance(error, ExtradeskError):
            errors.show_error(parent, error)
            return
        first = self.show(error)
        window = parent.window()
        window.resize(window.width(), max(window.height(), window.sizeHint().height()))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
