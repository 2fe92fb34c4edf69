"""One extradesk window in its own process, driven through stdin, for the tests of several PCs.

    python tests/window_process.py DATABASE_URL

Prints `ready` once the window shows the clients list. Then, one command a line:
    create LAST_NAME   creates a client through the window's worker (as the form does);
                       answers `created ID WALL_TIME`
    watch LAST_NAME    answers `seen ID WALL_TIME` when that client is in the clients list
                       (never asked to reload: only what the window learnt by itself)
    quit
Wall times are time.time(), comparable between processes on one machine.
"""

from __future__ import annotations

import os
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QTimer, Signal  # noqa: E402

from extradesk import app  # noqa: E402
from extradesk.services.dto import ClientInput  # noqa: E402
from extradesk.ui.ops import clients as client_ops  # noqa: E402


class _Stdin(QObject):
    line = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in sys.stdin:
            self.line.emit(raw.strip())
        self.line.emit("quit")


def say(text: str) -> None:
    print(text, flush=True)


def main(url: str) -> int:
    window = app.start(url)
    qapp = app.create_app()
    watched: dict[str, None] = {}

    def model():
        return window.clients_page.model if window.clients_page is not None else None

    def names() -> dict[str, int]:
        found = {}
        current = model()
        for row in range(current.rowCount() if current is not None else 0):
            text = current.data(current.index(row, 0))
            if text:
                found[str(text)] = current.client_id(row)
        return found

    def look() -> None:
        if not watched:
            return
        shown = names()
        for name in list(watched):
            for text, client_id in shown.items():
                if name.upper() in text.upper():
                    del watched[name]
                    say(f"seen {client_id} {time.time():.3f}")

    def ready() -> None:
        current = model()
        if window.ready and current is not None and current.loaded:
            poll.stop()
            current.modelReset.connect(look)
            current.rowsInserted.connect(look)
            current.dataChanged.connect(look)
            say("ready")
            reader.start()

    def command(line: str) -> None:
        verb, _, argument = line.partition(" ")
        if verb == "create":
            client_ops.save(window.tasks, window, client_id=None,
                            data=ClientInput(last_name=argument),
                            on_done=lambda r: say(f"created {r[0]} {time.time():.3f}"),
                            on_error=lambda e: say(f"error {e}"))
        elif verb == "watch":
            watched[argument] = None
            look()
        elif verb == "quit":
            window.tasks.shutdown()
            qapp.quit()

    reader = _Stdin()
    reader.line.connect(command)
    poll = QTimer(interval=50)
    poll.timeout.connect(ready)
    poll.start()
    look_timer = QTimer(interval=50)  # rows of a new snapshot arrive page by page
    look_timer.timeout.connect(look)
    look_timer.start()
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
