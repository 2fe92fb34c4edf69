"""The application says at once that its database is damaged and offers the ways out;
Fichier › Restaurer une sauvegarde… swaps the base and reopens it (issue 11)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QListWidget, QMainWindow, QMessageBox
from ui_helpers import add_client, wait_for

from extradesk.services import backup
from extradesk.services.clients import records as clients
from extradesk.ui.safety import DatabaseSafety


def _safety(qtbot, tasks):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    safety = DatabaseSafety(window, tasks)
    safety.add_actions(window.menuBar().addMenu("Fichier"))
    return window, safety


def _scramble(path: Path, page: int) -> None:
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes(range(256)) * (size // 256))


def test_a_damaged_database_is_said_at_start_with_the_latest_good_backup(qtbot, tasks, ctx,
                                                                         idle):
    add_client(ctx, last_name="Dupont")
    good = backup.make_backup(ctx)
    backup.checkpoint(ctx)  # every page in the file itself, as after a clean exit
    conn = sqlite3.connect(ctx.db.sqlite_path)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'clients'"
                        ).fetchone()[0]
    conn.close()
    ctx.db.dispose()
    _scramble(ctx.db.sqlite_path, page)
    _window, safety = _safety(qtbot, tasks)
    safety.after_session()
    box = wait_for(qtbot, QMessageBox, "damagedBox")
    assert "endommagée" in box.text() and good.name in box.informativeText()
    assert [b.text() for b in box.buttons() if b.text().startswith("Restaurer")]
    idle()
    assert safety.report.auto_copy is None  # a damaged base is never copied


def test_restore_from_the_menu_reopens_the_restored_base(qtbot, tasks, ctx, idle):
    add_client(ctx, last_name="Avant")
    backup.make_backup(ctx)
    add_client(ctx, last_name="Après")
    _window, safety = _safety(qtbot, tasks)
    safety.restore_action.trigger()
    dialog = safety.dialog
    qtbot.waitUntil(lambda: dialog.findChild(QListWidget, "backupList").count() == 1)
    dialog.restore_button.click()
    confirm = wait_for(qtbot, QMessageBox, "confirmBox")
    confirm.button(QMessageBox.StandardButton.Yes).click()
    wait_for(qtbot, QMessageBox, "informBox")
    idle()
    names = sorted(clients.get_client(tasks.ctx, i).data.last_name
                   for i in clients.client_ids(tasks.ctx))
    assert names == ["Avant"]  # "Après" came after the copy
    aside = [p.name for p in (Path(tasks.ctx.db.sqlite_path).parent / "backups").iterdir()]
    assert any(name.endswith("-avant-restauration.sqlite3") for name in aside)
    assert not dialog.isVisible()
    tasks.ctx.db.dispose()  # the reopened Context; the fixture closes the first one


def test_a_normal_exit_leaves_the_day_copy_and_an_empty_wal(qtbot, window, tasks, ctx):
    add_client(ctx, last_name="Tard")
    window.close_database()  # what app.main does once the event loop ends
    autos = [p for p in (Path(ctx.db.sqlite_path).parent / "backups").iterdir()
             if p.name.endswith("-auto.sqlite3")]
    assert len(autos) == 1
    wal = Path(str(ctx.db.sqlite_path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
