"""The Agenda tab: toolbar (Jour / Semaine / Mois, Aujourd'hui, ‹ ›, users), the views, the
day's list and the sync panel. Every read and write goes through the database worker."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui import errors
from extradesk.ui.agenda import calendar_text as ct
from extradesk.ui.agenda.day_list import DayList
from extradesk.ui.agenda.month_view import MonthView
from extradesk.ui.agenda.page_menus import PageMenus
from extradesk.ui.agenda.sync_panel import SyncPanel
from extradesk.ui.agenda.week_view import TimeGrid
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

MODES = (("day", "Jour"), ("week", "Semaine"), ("month", "Mois"))
AUTO_SYNC_MS = 5 * 60 * 1000  # incremental sync while the application is open


class AgendaPage(QWidget):
    open_client = Signal(int)
    loaded = Signal()  # entries of the shown period arrived (tests wait for it)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPage")
        self.tasks = tasks
        self.mode = "week"
        self.day = date.today()
        self.me: int | None = None
        self.users: list[tuple[int, str, str, bool]] = []
        self.selected: list[int] = []
        self.entries = []
        self.dialog: QWidget | None = None  # the dialog opened last (tests reach it here)
        self._seq = 0
        self.started = False
        self.auto_sync: QTimer | None = None

        self.mode_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        bar = QHBoxLayout()
        for key, text in MODES:
            button = QPushButton(text)
            button.setObjectName(f"agendaMode_{key}")
            button.setCheckable(True)
            button.setChecked(key == self.mode)
            button.clicked.connect(lambda _c=False, k=key: self.set_mode(k))
            group.addButton(button)
            self.mode_buttons[key] = button
            bar.addWidget(button)
        self.today_button = QPushButton("Aujourd'hui")
        self.today_button.setObjectName("agendaToday")
        self.prev_button, self.next_button = QPushButton("‹"), QPushButton("›")
        self.prev_button.setObjectName("agendaPrev")
        self.next_button.setObjectName("agendaNext")
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(32)
        self.today_button.clicked.connect(lambda: self.go_to(self.today))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.title = label("", "sectionTitle")
        self.title.setObjectName("agendaTitle")
        # The title gives way first on a narrow screen (1,280 px with every control).
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(120)
        self.menus = PageMenus(self)
        self.new_button = primary(QPushButton("Nouveau rendez-vous"))
        self.new_button.setObjectName("agendaNew")
        self.new_button.clicked.connect(lambda: self.new_appointment())
        for widget in (self.today_button, self.prev_button, self.next_button):
            bar.addWidget(widget)
        bar.addWidget(self.title, 1)
        # Colours are in « Affichage », « Droits… » next to « Compte d'agenda… » below: the
        # toolbar fits a 1,280-px screen (it took 1,354 px with 13 controls in one row).
        for widget in (self.menus.users_button, self.menus.view_button, self.new_button):
            bar.addWidget(widget)

        self.grid = TimeGrid()
        self.month = MonthView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.month)
        self.day_list = DayList()
        split = QSplitter()
        split.addWidget(self.stack)
        split.addWidget(self.day_list)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 260])
        self.sync_panel = SyncPanel(tasks, self)
        self.sync_panel.add_button(self.menus.rights_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 2)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.sync_panel)

        self.grid.create_requested.connect(self.new_appointment)
        self.grid.open_requested.connect(self.open_appointment)
        self.grid.move_requested.connect(self.move)
        self.month.open_requested.connect(self.open_appointment)
        self.month.day_requested.connect(lambda d: (self.go_to(d), self.set_mode("day")))
        self.day_list.open_requested.connect(self.open_appointment)
        self.day_list.client_requested.connect(self.open_client)
        tasks.changed.connect(self.apply_changes)

    # -- loading -----------------------------------------------------------------------------

    def start(self) -> None:
        """Read who I am, whom I may see and my planning preferences, then the period."""
        self.started = True
        agenda_ops.page_state(self.tasks, self, on_done=self._state_read)
        self.sync_panel.refresh()
        if self.auto_sync is None:
            self.auto_sync = QTimer(self)
            self.auto_sync.setInterval(AUTO_SYNC_MS)
            self.auto_sync.timeout.connect(self.sync_in_background)
            self.auto_sync.start()

    def sync_in_background(self) -> None:
        """The timer's turn: an incremental sync (sync token) if my account is set and on;
        skipped while another sync runs. Network work is on the pool: the window never waits."""
        me = self.me
        runner = self.sync_panel.runner
        agenda_ops.has_enabled_account(self.tasks, self, user_id=me,
                                       on_done=lambda on: on and runner.start(me, force=False))

    def _state_read(self, state: dict) -> None:
        first = self.me is None
        self.me, self.users, self.today = state["me"], state["users"], state["today"]
        if first:
            self.day = self.today
        self.grid.today, self.month.today, self.grid.now = self.today, self.today, state["now"]
        self.menus.show_color_by(state["color_by"])
        self.grid.set_options(frozen=state["frozen"], vertical=state["vertical"],
                              color_by=state["color_by"])
        self.month.color_by = state["color_by"]
        known = {u[0] for u in self.users}
        self.selected = [u for u in self.selected if u in known] or \
            ([self.me] if self.me in known else [u[0] for u in self.users[:1]])
        self.menus.fill_users(state)
        self.sync_panel.user_id = self.me
        self.reload()

    def period(self) -> tuple[list[date], date, date]:
        if self.mode == "day":
            days = [self.day]
        elif self.mode == "week":
            days = [ct.week_start(self.day) + timedelta(days=i) for i in range(7)]
        else:
            self.month.month = self.day.replace(day=1)
            days = self.month.days()
        return days, days[0], days[-1] + timedelta(days=1)

    def reload(self) -> None:
        if self.me is None:
            return
        days, first, end = self.period()
        self.title.setText(ct.period_title(self.mode, self.day))
        lanes = [(u[0], u[1], u[2]) for u in self.users if u[0] in self.selected]
        lanes.sort(key=lambda u: self.selected.index(u[0]))
        if self.mode == "month":
            self.month.set_month(self.day, {u[0]: u[2] for u in self.users})
        else:
            self.grid.set_period(days, lanes)
        self._seq += 1
        seq, user_ids = self._seq, list(self.selected)
        start, stop = ct.at(first, 0), ct.at(end, 0)
        agenda_ops.list_appointments(self.tasks, self, user_ids=user_ids, start=start, end=stop,
                                     on_done=lambda entries: self._arrived(seq, entries))

    def _arrived(self, seq: int, entries) -> None:
        if seq != self._seq:
            return  # a newer period or user choice was asked meanwhile
        self.entries = entries
        if self.mode == "month":
            self.month.set_entries(entries)
        else:
            self.grid.set_entries(entries)
        self.day_list.show_day(self.day, entries, {u[0]: u[1] for u in self.users})
        self.loaded.emit()

    def apply_changes(self, changes) -> None:
        if not self.started:
            return
        if changes.everything or changes.users or changes.preferences:
            agenda_ops.page_state(self.tasks, self, on_done=self._state_read)
            self.sync_panel.refresh()
        elif changes.appointments:
            self.reload()

    # -- navigation --------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.stack.setCurrentWidget(self.month if mode == "month" else self.grid)
        self.reload()

    def go_to(self, day: date) -> None:
        self.day = day
        self.reload()

    def step(self, direction: int) -> None:
        if self.mode == "day":
            self.day += timedelta(days=direction)
        elif self.mode == "week":
            self.day += timedelta(days=7 * direction)
        else:
            month = self.day.month - 1 + direction
            self.day = date(self.day.year + month // 12, month % 12 + 1, 1)
        self.reload()

    def select_users(self, user_ids: list[int]) -> None:
        self.selected = list(user_ids) or ([self.me] if self.me else [])
        self.menus.check_users(self.selected)
        self.reload()

    # -- appointments ------------------------------------------------------------------------

    def new_appointment(self, start=None, user_id=None, **prefill) -> None:
        from extradesk.ui.agenda.appointment_dialog import open_new

        start = start or ct.at(self.day, 9 * 60)
        users = (user_id,) if user_id is not None else (self.me,)
        self.dialog = open_new(self.tasks, self, start=start, user_ids=users, **prefill)
        self.dialog.open_client.connect(self.open_client)

    def open_appointment(self, appointment_id: int) -> None:
        from extradesk.ui.agenda.appointment_dialog import open_existing

        self.dialog = open_existing(self.tasks, self, appointment_id)
        self.dialog.open_client.connect(self.open_client)

    def move(self, entry, start, end, from_user, to_user) -> None:
        def refused(error: BaseException) -> None:
            self.reload()  # the block goes back where the database says it is
            errors.show_error(self, error)

        agenda_ops.move_appointment(self.tasks, self, appointment_id=entry.appointment_id,
                                    start=start, end=end, from_user=from_user, to_user=to_user,
                                    on_error=refused)
