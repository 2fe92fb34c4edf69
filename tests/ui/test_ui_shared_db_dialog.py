"""Fichier › Base de données partagée… driven like a person would, against a real server."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from ui_helpers import wait_for

from extradesk import app, paths
from extradesk.db.head import HEAD
from extradesk.services import shared_server
from extradesk.ui.dialogs.shared_db_dialog import SharedDatabaseDialog


def test_test_create_and_use_a_shared_base(qtbot, window, pg_server, memory_keyring):
    window.shared_db_action.trigger()
    dialog = wait_for(qtbot, SharedDatabaseDialog)
    status = dialog.findChild(QLabel, "status")
    for name, value in (("host", "127.0.0.1"), ("database", "bureau_dialog"),
                        ("user", "postgres"), ("password", "s3cret")):
        field = dialog.findChild(QLineEdit, name)
        field.clear()
        qtbot.keyClicks(field, value)
    dialog.port.setValue(pg_server.port)

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)  # no such base yet
    qtbot.waitUntil(lambda: "n'existe pas" in status.text(), timeout=15_000)
    assert "Créer la base" in status.text()

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.text().startswith("Base prête"), timeout=60_000)
    assert status.text() == f"Base prête au schéma {HEAD}."
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.text().startswith("Connexion réussie"), timeout=15_000)
    assert "PostgreSQL 1" in status.text()
    dialog.grab().save("/tmp/pg-dialog.png")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.text().startswith("Enregistré"), timeout=15_000)
    saved = json.loads((paths.config_dir() / shared_server.SETTINGS_FILE).read_text())
    assert saved == {"host": "127.0.0.1", "port": pg_server.port,
                     "database": "bureau_dialog", "user": "postgres"}
    assert "s3cret" not in json.dumps(saved)  # the password is in the keyring only
    assert shared_server.saved_password(shared_server.load()) == "s3cret"
    assert app._default_target().startswith("postgresql+psycopg://postgres:s3cret@127.0.0.1")
    dialog.reject()
    pg_server.drop_database("bureau_dialog")


def test_missing_fields_and_a_dead_server_are_said_in_french(qtbot, window):
    window.shared_db_action.trigger()
    dialog = wait_for(qtbot, SharedDatabaseDialog)
    status = dialog.findChild(QLabel, "status")
    dialog.findChild(QLineEdit, "host").clear()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "obligatoire" in status.text(), timeout=15_000)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "host"), "127.0.0.1")
    dialog.port.setValue(1)  # nothing listens there
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ne répond pas" in status.text(), timeout=15_000)
    dialog.reject()
