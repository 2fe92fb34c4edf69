"""Small windows that ask what a conversion needs: options taken, deposit %, lines to credit.

Each opens window-modal (no nested event loop) and emits `chosen` with the answer; the
editor then calls the service, which checks the answer and says in French what is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.services.documents.dto import DocumentDetail
from extradesk.ui.style import error_label, label, primary


class _Ask(QDialog):
    """A small question before a conversion; each dialog below defines `answer()`, the value
    `chosen` carries when the user confirms."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget, title: str, name: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(440)
        self.column = QVBoxLayout(self)
        self.buttons = QDialogButtonBox()
        self.ok_button = primary(self.buttons.addButton(
            ok_text, QDialogButtonBox.ButtonRole.AcceptRole))
        self.ok_button.setObjectName("okButton")
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.error = error_label()
        self.error.setObjectName("dialogError")

    def finish_layout(self) -> None:
        self.column.addWidget(self.error)
        self.column.addWidget(self.buttons)

    def _ok(self) -> None:
        self.chosen.emit(self.answer())
        self.accept()


class AcceptDialog(_Ask):
    """"Accepter le devis": which options did the client take? Emits their ids."""

    def __init__(self, parent: QWidget, detail: DocumentDetail) -> None:
        super().__init__(parent, "Accepter le devis", "acceptDialog", "Accepter et créer la commande")
        self.boxes: dict[int, QCheckBox] = {}
        self.column.addWidget(label(
            f"Le devis {detail.display_number} de {detail.client_name} est accepté : "
            "une commande va être créée avec ses lignes.", wrap=True))
        if detail.options:
            self.column.addWidget(label("Options retenues par le client :", "sectionTitle"))
        for option in detail.options:
            box = QCheckBox(f"{option.heading} — {fmt.money(option.net)} HT")
            box.setObjectName(f"option_{option.id}")
            self.boxes[option.id] = box
            self.column.addWidget(box)
        if not detail.options:
            self.column.addWidget(label("Ce devis n'a pas d'option.", "hint"))
        self.finish_layout()

    def answer(self) -> list[int]:
        return [option_id for option_id, box in self.boxes.items() if box.isChecked()]


class DepositDialog(_Ask):
    """"Facture d'acompte…": a percentage of the order, typed the French way (30 or 30 %)."""

    def __init__(self, parent: QWidget, detail: DocumentDetail) -> None:
        super().__init__(parent, "Facture d'acompte", "depositDialog", "Créer la facture d'acompte")
        self.column.addWidget(label(
            f"Commande {detail.display_number} — total TTC {fmt.money(detail.totals.gross)}",
            wrap=True))
        self.column.addWidget(QLabel("Pourcentage de l'acompte :"))
        self.percent = QLineEdit("30")
        self.percent.setObjectName("percent")
        self.percent.setPlaceholderText("30 %")
        self.percent.setFixedWidth(120)
        self.percent.selectAll()
        self.column.addWidget(self.percent)
        self.finish_layout()

    def answer(self) -> str:
        return self.percent.text().strip().removesuffix("%").strip()


class CreditNoteDialog(_Ask):
    """"Avoir…": the whole invoice, or the lines chosen in a list. Emits None or line ids."""

    def __init__(self, parent: QWidget, detail: DocumentDetail) -> None:
        super().__init__(parent, "Avoir", "creditDialog", "Créer l'avoir")
        self.column.addWidget(label(
            f"Avoir sur la facture {detail.display_number} "
            f"({fmt.money(detail.totals.gross)} TTC)", wrap=True))
        self.whole = QRadioButton("Toute la facture")
        self.whole.setObjectName("creditWhole")
        self.some = QRadioButton("Seulement les lignes cochées :")
        self.some.setObjectName("creditSome")
        self.whole.setChecked(True)
        self.lines = QListWidget()
        self.lines.setObjectName("creditLines")
        for line in detail.lines:
            if line.is_text:
                continue
            item = QListWidgetItem(f"{line.label} — {fmt.money(line.net)} HT")
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.lines.addItem(item)
        self.lines.setEnabled(False)
        self.some.toggled.connect(self.lines.setEnabled)
        for widget in (self.whole, self.some, self.lines):
            self.column.addWidget(widget)
        self.finish_layout()

    def answer(self) -> list[int] | None:
        if self.whole.isChecked():
            return None
        return [self.lines.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.lines.count())
                if self.lines.item(r).checkState() == Qt.CheckState.Checked]


class SituationDialog(_Ask):
    """"Facture de situation…": the cumulative progress of the works, for every line at once
    and, where it differs, per line (an empty line field takes the overall one). Emits
    (overall or None, {order line id: percent})."""

    def __init__(self, parent: QWidget, detail: DocumentDetail) -> None:
        super().__init__(parent, "Facture de situation", "progressDialog",
                         "Créer la situation")
        self.column.addWidget(label(
            f"Commande {detail.display_number} — avancement cumulé des travaux, situations "
            "précédentes comprises (en %).", wrap=True))
        form = QFormLayout()
        self.overall = QLineEdit("100")
        self.overall.setObjectName("percent")
        self.overall.setFixedWidth(120)
        self.overall.selectAll()
        form.addRow("Toutes les lignes :", self.overall)
        self.column.addLayout(form)
        self.column.addWidget(label("Par ligne, si l'avancement diffère :", "sectionTitle"))
        lines = QFormLayout()
        self.per_line: dict[int, QLineEdit] = {}
        for line in detail.lines:
            if line.is_text or line.option_id is not None:
                continue
            field = QLineEdit()
            field.setObjectName(f"linePercent_{line.id}")
            field.setPlaceholderText("comme toutes")
            field.setFixedWidth(120)
            self.per_line[line.id] = field
            lines.addRow(f"{line.label} — {fmt.money(line.net)} HT", field)
        self.column.addLayout(lines)
        self.finish_layout()

    @staticmethod
    def _clean(text: str) -> str:
        return text.strip().removesuffix("%").strip()

    def answer(self) -> tuple[str | None, dict[int, str]]:
        overall = self._clean(self.overall.text()) or None
        return overall, {line_id: self._clean(field.text())
                         for line_id, field in self.per_line.items()
                         if self._clean(field.text())}
