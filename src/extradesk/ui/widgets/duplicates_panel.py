"""The yellow "Doublons possibles" panel of the client form, with a way to open each one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from extradesk.i18n import messages
from extradesk.services.dto import DuplicateCandidate
from extradesk.ui.style import label


class DuplicatesPanel(QFrame):
    open_client = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesPanel")
        self.candidates: list[DuplicateCandidate] = []
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(10, 6, 10, 6)
        self._rows.setSpacing(2)
        title = label("Doublons possibles : ce client existe peut-être déjà.", "sectionTitle")
        self._rows.addWidget(title)
        self.hide()

    def set_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = list(candidates)
        while self._rows.count() > 1:
            item = self._rows.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        for candidate in self.candidates:
            self._rows.addWidget(self._row(candidate))
        self.setVisible(bool(self.candidates))

    def lines(self) -> list[str]:
        """What the panel says, one line per candidate (tests read this)."""
        return [self._text(c) for c in self.candidates]

    @staticmethod
    def _text(candidate: DuplicateCandidate) -> str:
        place = f" — {candidate.city}" if candidate.city else ""
        return f"{candidate.name}{place} ({messages.text(candidate.reason)})"

    def _row(self, candidate: DuplicateCandidate) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        text = QLabel(self._text(candidate))
        button = QPushButton("Ouvrir la fiche")
        button.setObjectName(f"openDuplicate{candidate.client_id}")
        button.clicked.connect(lambda: self.open_client.emit(candidate.client_id))
        line.addWidget(text, 1)
        line.addWidget(button)
        return row
