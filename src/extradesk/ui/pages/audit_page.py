"""« Avez-vous les bons réflexes ? »: the health check's score and findings, each with why
it matters, a button to the place that fixes it and, for duplicates, a one-click merge."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import audit as words
from extradesk.i18n.messages import text
from extradesk.ui import prompts
from extradesk.ui.errors import show_error
from extradesk.ui.ops import audit as audit_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

SHOWN = 8  # lines under a finding; the title gives the whole count


class AuditPage(QWidget):
    """Asks the worker for the report when shown and after every change; `open_place`
    (place, item id or 0) asks the window to open where a finding is fixed."""

    open_place = Signal(str, int)
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self.tasks = tasks
        self.report = None
        self.confirm_box = None
        self.score_label = label("", "auditScore")
        self.score_label.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.refresh_button = QPushButton("Relancer l'analyse")
        self.refresh_button.setObjectName("auditRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        title = label(words.TITLE, "auditTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        head.addWidget(title)
        head.addStretch()
        head.addWidget(self.score_label)
        head.addWidget(self.refresh_button)
        self.cards = QVBoxLayout()
        self.cards.setSpacing(10)
        inner = QWidget()
        inner.setLayout(self.cards)
        scroll = QScrollArea()
        scroll.setObjectName("auditScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        column = QVBoxLayout(self)
        self.note = label("", "auditNote")  # what the last merge did
        self.note.setStyleSheet("color: #2e7d32;")
        column.addLayout(head)
        column.addWidget(self.note)
        column.addWidget(scroll, 1)
        self.score_label.setText("…")
        self._running = self._again = False
        # A fix made elsewhere (a list merged in its dialog, an article classified) shows
        # here at once while the page is open; one analysis at a time, the last one wins.
        tasks.changed.connect(self._data_changed)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.report is None:
            self.refresh()

    def _data_changed(self, _changes) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self.refresh_button.setEnabled(False)
        audit_ops.run(self.tasks, self, on_done=self.show_report, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self._running = self._again = False
        self.refresh_button.setEnabled(True)
        show_error(self, error)

    def show_report(self, report) -> None:
        self._running = False
        if self._again:  # the data changed while this one ran
            self._again = False
            self.refresh()
            return
        self.report = report
        self.refresh_button.setEnabled(True)
        self.score_label.setText(text("audit.score", score=report.score))
        while self.cards.count():
            widget = self.cards.takeAt(0).widget()
            if widget is not None:  # out of the page now (findChild, the eye), freed later
                widget.setParent(None)
                widget.deleteLater()
        if not report.findings:
            self.cards.addWidget(label(text("audit.all_good"), "auditAllGood"))
        for finding in report.findings:
            self.cards.addWidget(self._card(finding))
        self.cards.addStretch()
        self.loaded.emit()

    def _card(self, finding) -> QFrame:
        card = QFrame()
        card.setObjectName(f"finding_{finding.id}")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # Never squeezed below its text: the scroll area scrolls instead.
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        column = QVBoxLayout(card)
        column.addWidget(label(words.habit_label(finding), "findingHabit"))
        heading = label(words.title(finding), "findingTitle", wrap=True)
        heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        column.addWidget(heading)
        why = label(words.why(finding), "findingWhy", wrap=True)
        why.setStyleSheet("color: #555;")
        column.addWidget(why)
        for proposal in finding.merges:
            column.addLayout(self._merge_row(proposal))
        shown = [words.item_text(finding, i) for i in finding.items[:SHOWN]]
        if len(finding.items) > SHOWN:
            shown.append("…")
        if shown:
            items = QLabel("\n".join(f"• {s}" for s in shown))
            items.setObjectName("findingItems")
            items.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(items)
        fix = QPushButton(words.fix_label(finding))
        fix.setObjectName("findingFix")
        first = finding.items[0].id if finding.items else 0
        fix.clicked.connect(lambda _c=False, p=finding.place, i=first: self.open_place.emit(p, i))
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(fix)
        column.addLayout(row)
        return card

    def _merge_row(self, proposal) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(label(words.merge_text(proposal), "mergeText", wrap=True), 1)
        button = primary(QPushButton(text("audit.merge")))
        button.setObjectName("mergeButton")
        button.clicked.connect(lambda _c=False, p=proposal: self.ask_merge(p))
        row.addWidget(button)
        return row

    def ask_merge(self, proposal) -> None:
        self.confirm_box = prompts.confirm(self, text("audit.merge"),
                                           words.merge_question(proposal),
                                           lambda: self._merge(proposal),
                                           yes_text=text("audit.merge"))

    def _merge(self, proposal) -> None:
        def done(_changes) -> None:  # the Changes published just before rerun the analysis
            self.note.setText(words.merge_done(proposal))

        audit_ops.merge(self.tasks, self, proposal=proposal, on_done=done)


class AuditDialog(QDialog):
    """The page in its own window, beside the main one (it stays open while fixing)."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(words.TITLE)
        self.resize(760, 680)
        self.page = AuditPage(tasks, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(close)
        layout.addLayout(row)
