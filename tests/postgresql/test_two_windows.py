"""Two extradesk windows, two processes, one PostgreSQL database: a client created in one
window is in the other's clients list within a second, through LISTEN/NOTIFY alone (the
watching window is never asked to reload). Skipped, reason given, without a PostgreSQL server."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from extradesk.services import company, users
from extradesk.services.context import open_context

HELPER = Path(__file__).resolve().parents[1] / "window_process.py"


class Window:
    """A window process and the lines it prints."""

    def __init__(self, url: str, home: Path) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXTRADESK_HOME=str(home))
        self.process = subprocess.Popen([sys.executable, str(HELPER), url], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def send(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, verb: str, timeout: float) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no « {verb} » from the window within {timeout} s")
            try:
                words = self.lines.get(timeout=left).split()
            except queue.Empty:
                continue
            if words and words[0] == verb:
                return words
            assert words[:1] != ["error"], words

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def test_a_client_created_in_one_window_shows_in_the_other_within_a_second(pg_url, tmp_path):
    ctx, _ = open_context(pg_url)
    ctx.user_id = users.ensure_a_user(ctx)
    company.first_run_seen(ctx)  # no « Votre entreprise » step over the windows
    ctx.db.dispose()
    office = Window(pg_url, tmp_path / "office")
    laptop = Window(pg_url, tmp_path / "laptop")
    try:
        office.expect("ready", 60)
        laptop.expect("ready", 60)
        laptop.send("watch Rousseau")
        time.sleep(0.5)  # the laptop's LISTEN is registered once its worker opened the base
        office.send("create Rousseau")
        created = office.expect("created", 10)
        seen = laptop.expect("seen", 10)
        assert seen[1] == created[1]  # the same client id
        delay = float(seen[2]) - float(created[2])
        assert delay < 1.0, f"shown {delay:.2f} s after it was created"
    finally:
        office.close()
        laptop.close()
