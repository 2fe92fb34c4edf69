"""The print preview window: the document's PDF as the client will see it, to print or save."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar, QToolButton, QWidget

from extradesk.ui.documents import pdf_actions
from extradesk.ui.tasks import Tasks

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
_POINTS_PER_INCH = 72


def percent(factor: float) -> str:
    return f"{round(factor * 100)}\u202f%"  # French: a narrow no-break space before %


class PdfViewer(QMainWindow):
    """A window of its own (the user may keep it beside the editor), deleted when closed."""

    def __init__(self, pdf: bytes, *, file_name: str, tasks: Tasks,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("pdfViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = pdf
        self.file_name = file_name
        self._tasks = tasks
        self.setWindowTitle(f"Aperçu — {file_name.removesuffix('.pdf')}")
        self.document = pdf_actions.load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocument(self.document)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #6b6b6b; }")  # pages stand out
        self.setCentralWidget(self.view)
        self._build_toolbar()
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.viewport().installEventFilter(self)
        self.fit_width()
        self._show_page(0)
        self._size_to_screen()

    # -- building ------------------------------------------------------------------------------

    def _action(self, bar: QToolBar, text: str, name: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setIconText(text)  # keep "…": it tells a dialog follows (Qt strips it otherwise)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.rstrip('…')} ({keys})")
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar("Aperçu", self)
        bar.setObjectName("previewToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.print_action = self._action(bar, "Imprimer…", "printPdf", self.print_,
                                         QKeySequence.StandardKey.Print)
        self.save_action = self._action(bar, "Enregistrer le PDF…", "savePdf", self.save,
                                        QKeySequence.StandardKey.Save)
        self._emphasise(bar, self.print_action)
        bar.addSeparator()
        self.zoom_out_action = self._action(bar, "−", "zoomOut", self.zoom_out,
                                            QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.setToolTip("Zoom arrière (Ctrl+-)")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(52)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        self.zoom_in_action = self._action(bar, "+", "zoomIn", self.zoom_in,
                                           QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.setToolTip("Zoom avant (Ctrl++)")
        self.fit_action = self._action(bar, "Ajuster à la largeur", "fitWidth", self.fit_width)
        self.fit_action.setCheckable(True)
        bar.addSeparator()
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.page_label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.page_label)
        close = QAction("Fermer", self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)  # Échap closes, like a dialog

    @staticmethod
    def _emphasise(bar: QToolBar, action: QAction) -> None:
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            font = button.font()
            font.setBold(True)
            button.setFont(font)

    def _size_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        area = screen.availableGeometry()
        self.resize(min(920, area.width() - 40), min(1100, area.height() - 60))

    # -- page and zoom -------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def _show_page(self, index: int) -> None:
        self.page_label.setText(f"Page {index + 1} / {self.page_count}")

    def _show_zoom(self, _factor: float = 0.0) -> None:
        self.zoom_label.setText(percent(self.effective_zoom()))
        self.fit_action.setChecked(self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth)

    def effective_zoom(self) -> float:
        """The zoom on screen; in fit-to-width mode QPdfView keeps its factor at 1, so work it
        out from the viewport width the page fills (QPdfView's own rule: width minus margins)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.page_count == 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        page = self.document.pagePointSize(0).width() / _POINTS_PER_INCH * self.logicalDpiX()
        return max(usable / page, 0.01) if page else 1.0

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_zoom()

    def zoom_in(self) -> None:
        now = self.effective_zoom()
        self._set_zoom(next((z for z in ZOOMS if z > now * 1.01), ZOOMS[-1]))

    def zoom_out(self) -> None:
        now = self.effective_zoom()
        self._set_zoom(next((z for z in reversed(ZOOMS) if z < now * 0.99), ZOOMS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def go_to_page(self, index: int) -> None:
        self.view.pageNavigator().jump(index, QPointF(), self.view.zoomFactor())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._show_zoom()  # fit-to-width: a wider viewport is a bigger zoom
        return super().eventFilter(watched, event)

    # -- actions -------------------------------------------------------------------------------

    def print_(self) -> None:
        pdf_actions.print_pdf(self, self.pdf, self.file_name)

    def save(self) -> None:
        pdf_actions.save_bytes(self, self._tasks, self.pdf, self.file_name)
