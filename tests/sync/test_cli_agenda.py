"""`extradesk agenda account`, `agenda list --json` and `sync agenda` as a cron job runs them."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from extradesk.cli import main
from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.context import open_context
from extradesk.services.dto import UserInput


def test_account_list_and_sync_from_the_command_line(db_path, radicale, calendar, phone,
                                                     capsys, monkeypatch):
    ctx, _ = open_context(db_path)
    marc, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    start = datetime.now(ZoneInfo("Europe/Paris")).replace(microsecond=0) + timedelta(days=1)
    agenda.create_appointment(ctx, AppointmentInput(
        title="Pose liner", start=start, end=start + timedelta(hours=2), user_ids=(marc,)))
    ctx.db.dispose()
    name = calendar.rstrip("/").rsplit("/", 1)[-1]
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-marc\n"))
    code = main(["agenda", "account", "--db", str(db_path), "--user", "ML", "--url",
                 radicale.url, "--login", "marc", "--calendar", name])
    assert code == 0 and f"agenda « {name} »" in capsys.readouterr().out
    assert main(["sync", "agenda", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Marc Lefèvre : 1 envoyé, 0 reçu" in out
    assert len(phone.events()) == 1
    assert main(["agenda", "list", "--db", str(db_path), "--user", "Marc Lefèvre",
                 "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["title"] == "Pose liner" and item["user"] == "Marc Lefèvre"
    assert main(["agenda", "list", "--db", str(db_path), "--from", "31/02/2026"]) == 2
    assert "n'est pas une date" in capsys.readouterr().err
