"""The « Accueil » tab: large buttons to the main places, the user's dashboard tiles (each
filled as its figure arrives from the worker, each opening the list behind it) and the two
charts, over an optional background image."""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.ops import dashboard as ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.dashboard_charts import DashboardCharts

# (tab key, button text, secondary action, its text): the seed's « bulles ».
PLACES = (("clients", "Clients", "add_client", "Ajouter un client"),
          ("documents", "Pièces", "new_quote", "Nouveau devis"),
          ("articles", "Articles", None, None), ("agenda", "Agenda", None, None),
          ("exports", "Exports", None, None), ("outbox", "Envoi", None, None))
PLACE_KEYS = {p[0] for p in PLACES}
COLUMNS = 4  # tiles per row
# The health check's score reads the whole base (0.7 s on 100,000 clients): it is asked for
# a few seconds after the others, so the first searches of a session never wait behind it.
SLOW_TILES = frozenset({"audit"})
SLOW_TILE_DELAY_MS = 3000
RELOAD_DELAY_MS = 300  # after a change while the page is shown
STYLE = """
QScrollArea#homeScroll, QWidget#homeContent { background: transparent; }
QFrame#homePlace { background: rgba(255, 255, 255, 225); border: 1px solid #c9d3e0;
                   border-radius: 8px; }
QPushButton#homeButton { font-size: 14pt; font-weight: 600; padding: 14px 10px;
                         border: none; background: transparent; color: #204a87; }
QPushButton#homeButton:hover { color: #2f6fbf; }
QFrame.tile { background: rgba(255, 255, 255, 235); border: 1px solid #d5dbe3;
              border-radius: 8px; }
QFrame.tile:hover { border-color: #8aa9d6; background: #f4f8fd; }
QLabel#tileTitle { color: #555555; font-size: 10pt; }
QLabel#tileHeadline { font-size: 17pt; font-weight: 600; color: #204a87; }
QLabel#tileHeadline[alert="true"] { color: #b3261e; }
QLabel#tileLines { color: #555555; }
"""


class Tile(QFrame):
    """One figure: its title, the number in large, a few lines; a click opens its list."""

    clicked = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.filled = False
        self.setObjectName(f"tile_{name}")
        self.setProperty("class", "tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Never shorter than its text: the charts below take what is left.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.title = label("", "tileTitle")
        self.headline = label("…", "tileHeadline")
        self.lines = label("", "tileLines", wrap=True)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 10)
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.headline)
        column.addWidget(self.lines)
        column.addStretch()

    def show_text(self, tile) -> None:
        self.title.setText(tile.title)
        self.headline.setText(tile.headline)
        self.headline.setProperty("alert", tile.alert)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self.lines.setText("\n".join(tile.lines))
        self.setToolTip(f"{tile.title} : ouvrir la liste")
        self.filled = True

    def show_failure(self) -> None:
        self.headline.setText("—")
        self.lines.setText("Chiffre indisponible")
        self.filled = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit(self.name)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.name)
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    go = Signal(str)  # a tab key of main_window.TABS
    add_client = Signal()
    new_quote = Signal()
    open_tile = Signal(str)
    filled = Signal()  # every tile and both charts show their figures

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.setStyleSheet(STYLE)
        self._tasks = tasks
        self._generation = 0
        self._waiting: set[str] = set()
        self.loaded = False
        self.stale = True  # data changed since the figures were read
        self.shown_at: float | None = None  # perf_counter of the last reload (bench)
        self.filled_at: float | None = None
        self.tiles: dict[str, Tile] = {}
        self.background: QPixmap | None = None
        self.background_path = ""
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(RELOAD_DELAY_MS)
        self._soon.timeout.connect(self.reload)

        places = QHBoxLayout()
        places.setSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, action, action_text in PLACES:
            frame = QFrame()
            frame.setObjectName("homePlace")
            column = QVBoxLayout(frame)
            column.setContentsMargins(6, 4, 6, 8)
            button = QPushButton(text)
            button.setObjectName("homeButton")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, k=key: self.go.emit(k))
            self.buttons[key] = button
            column.addWidget(button)
            if action is not None:
                extra = primary(QPushButton(action_text))
                extra.setObjectName(f"home_{action}")
                extra.clicked.connect(getattr(self, action).emit)
                self.buttons[action] = extra
                column.addWidget(extra)
            else:
                column.addStretch()
            places.addWidget(frame, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        self.charts = DashboardCharts()
        # In a scroll area: on a small screen the page scrolls instead of making the window
        # taller than the screen (the background stays behind, painted by this widget).
        content = QWidget()
        content.setObjectName("homeContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(12)
        column.addLayout(places)
        column.addLayout(self.grid)
        column.addWidget(self.charts, 1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("homeScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the layout (tiles in the user's order, background), then every figure."""
        self._generation += 1
        generation = self._generation
        self.shown_at, self.filled_at = time.perf_counter(), None
        self.stale = False
        ops.layout(self._tasks, self, on_done=lambda found: self._laid_out(generation, found))

    def _laid_out(self, generation: int, found) -> None:
        if generation != self._generation:
            return
        names, background, images = found
        self._set_background(background)
        self._set_button_images(images)
        kept: dict[str, Tile] = {}
        for name, tile in self.tiles.items():
            self.grid.removeWidget(tile)
            if name in names:
                kept[name] = tile
            else:
                tile.deleteLater()
        self.tiles = {}
        for index, name in enumerate(names):  # the user's order
            tile = kept.get(name)
            if tile is None:
                tile = Tile(name)
                tile.clicked.connect(self.open_tile)
            self.tiles[name] = tile
            self.grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        self._waiting = {*names, "monthly", "origins"}
        for name in names:
            ask = partial(ops.tile, self._tasks, self, name=name,
                          on_done=lambda text, n=name: self._tile(generation, n, text),
                          on_error=lambda _e, n=name: self._tile_failed(generation, n))
            if name in SLOW_TILES:  # a whole-base check: after the first searches
                QTimer.singleShot(SLOW_TILE_DELAY_MS, self, ask)
            else:
                ask()
        ops.monthly(self._tasks, self, on_done=lambda bars: self._chart(
            generation, "monthly", bars), on_error=lambda _e: self._arrived(generation, "monthly"))
        ops.origins(self._tasks, self, on_done=lambda shares: self._chart(
            generation, "origins", shares), on_error=lambda _e: self._arrived(generation,
                                                                            "origins"))

    def _tile(self, generation: int, name: str, text) -> None:
        if generation == self._generation and name in self.tiles:
            self.tiles[name].show_text(text)
        self._arrived(generation, name)

    def _tile_failed(self, generation: int, name: str) -> None:
        if generation == self._generation and name in self.tiles:
            self.tiles[name].show_failure()
        self._arrived(generation, name)

    def _chart(self, generation: int, name: str, values) -> None:
        if generation == self._generation:
            (self.charts.set_monthly if name == "monthly" else self.charts.set_origins)(values)
        self._arrived(generation, name)

    def _arrived(self, generation: int, name: str) -> None:
        if generation != self._generation:
            return
        self._waiting.discard(name)
        if not self._waiting:
            self.loaded = True
            self.filled_at = time.perf_counter()
            self.filled.emit()

    def apply_changes(self, changes) -> None:
        """Figures are re-read the next time the page is shown, or soon if it is (a burst
        of changes, one reload)."""
        if changes.empty:
            return
        self.stale = True
        if self.isVisible():
            self._soon.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale and self._tasks.ctx is not None and self.loaded:
            self.reload()

    # -- images ------------------------------------------------------------------------------

    def _set_button_images(self, images: dict) -> None:
        """The user's picture on each home button (a file that is no image: none)."""
        for key, button in self.buttons.items():
            picture = QPixmap(images[key]) if images.get(key) else QPixmap()
            button.setIcon(QIcon(picture) if not picture.isNull() else QIcon())
            button.setIconSize(QSize(40, 40) if key in PLACE_KEYS else QSize(18, 18))

    # -- background --------------------------------------------------------------------------

    def _set_background(self, path: str) -> None:
        if path == self.background_path:
            return
        self.background_path = path
        picture = QPixmap(path) if path else QPixmap()
        self.background = None if picture.isNull() else picture  # not an image: none
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.background is not None:
            painter = QPainter(self)
            scaled = self.background.scaled(
                self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation)
            x = (scaled.width() - self.width()) / 2
            y = (scaled.height() - self.height()) / 2
            painter.drawPixmap(QRectF(self.rect()), scaled,
                               QRectF(x, y, self.width(), self.height()))
            painter.end()
        super().paintEvent(event)
