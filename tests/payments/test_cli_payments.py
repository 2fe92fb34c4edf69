"""`extradesk payment …`, `extradesk unpaid` and `extradesk reminders-unpaid` as a script or
a scheduled task runs them (the command's own clock: today's date)."""

from __future__ import annotations

import csv
import json
from datetime import date

from payments_helpers import invoice, new_client

from extradesk.cli import main
from extradesk.core.clock import SystemClock

OCT1 = date(2026, 10, 1)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_unpaid_cancel_close_archive(business, db_path, capsys, tmp_path):
    ctx = business
    client = new_client(ctx)
    invoice(ctx, client, "1500", on=OCT1)
    invoice(ctx, client, "99.90", on=OCT1)
    db = ("--db", db_path)
    number = "F-2026-00001"
    code, out, _ = run(capsys, "payment", "add", number, *db, "--amount", "1 234,56", "--date",
                       "15/10/2026", "--mode", "cheque", "--journal", "bq", "--reference",
                       "Chèque LCL", "--cheque-number", "7712")
    assert code == 0
    assert out == ("Règlement n° 1 enregistré sur F-2026-00001 : reste à payer "
                   "265,44\u00a0€.\n")
    code, out, _ = run(capsys, "payment", "list", *db, "--json")
    [row] = json.loads(out)
    assert (row["amount"], row["mode"], row["journal"], row["invoices"]) == (
        "1234.56", "cheque", "BQ", number)

    code, _, err = run(capsys, "payment", "add", number, *db, "--amount", "10,001", "--date",
                       "15/10/2026", "--mode", "especes")
    assert code == 2 and "a plus de deux décimales" in err
    code, _, err = run(capsys, "payment", "add", "F-2099-1", *db, "--amount", "10", "--date",
                       "15/10/2026", "--mode", "especes")
    assert code == 2 and "Aucune facture émise ne porte le numéro « F-2099-1 »" in err

    code, out, _ = run(capsys, "unpaid", *db, "--json")
    late = (SystemClock().today() - date(2026, 10, 31)).days
    assert [(r["number"], r["remaining"], r["days_late"]) for r in json.loads(out)] == [
        (number, "265.44", late), ("F-2026-00002", "99.90", late)]
    code, out, err = run(capsys, "reminders-unpaid", *db, "--dry-run")
    assert code == 0 and out.count("Relance") == 2 and "à imprimer" in out
    assert "2 relances dues." in err
    code, out, err = run(capsys, "reminders-unpaid", *db, "--send")
    assert code == 0 and "2 relances enregistrées." in err
    code, out, err = run(capsys, "reminders-unpaid", *db, "--dry-run")
    assert out == "" and "0 relance due." in err

    code, out, _ = run(capsys, "payment", "cancel", *db, "1")
    assert out == "Règlement n° 1 annulé par l'écriture n° 2.\n"
    code, out, _ = run(capsys, "payment", "close", *db, "--month", "10/2026")
    assert code == 0 and "Clôture du 01/10/2026 au 31/10/2026 : 1 règlement" in out
    code, _, err = run(capsys, "payment", "add", number, *db, "--amount", "5", "--date",
                       "20/10/2026", "--mode", "especes")
    assert code == 2 and "La période du 20/10/2026 est clôturée" in err
    target = tmp_path / "archive-2026.csv"
    code, out, _ = run(capsys, "payment", "archive", *db, "--year", "2026", "-o", target)
    assert code == 0
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["règlement", "règlement", "clôture"]
    code, out, _ = run(capsys, "payment", "verify", *db)
    assert (code, out) == (0, "Chaîne des règlements intacte (3 maillons).\n")
