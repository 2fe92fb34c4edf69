"""The revenue exports to the cent on the hand-worked business of conftest.py.

CA par journal (own amounts: A's final invoice counts 1 000 − 300 = 700 HT, 140 VAT):
  Chantiers 11/2026   500,00 HT  TVA 10 %  50,00   550,00 TTC   (B's invoice)
  Chantiers 12/2026  -100,00 HT  TVA 10 % -10,00  -110,00 TTC   (B's credit note)
  Ventes    11/2026   460,00 HT  TVA 20 %  92,00   552,00 TTC   (deposits 300 + 160)
  Ventes    12/2026   700,00 HT  TVA 20 % 140,00   840,00 TTC   (A's final invoice)
  Total             1 560,00 HT  20 %: 232,00  10 %: 40,00  1 832,00 TTC
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest

from extradesk.cli import main
from extradesk.core.errors import ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.exports import catalog, revenue
from extradesk.services.exports.model import ExportQuery

PERIOD = ExportQuery(date(2026, 11, 1), date(2026, 12, 31))


def test_ca_par_journal_counts_each_euro_once(ctx, scenario):
    table = catalog.run_export(ctx, "ca-journal", query=PERIOD)
    assert [c.key for c in table.columns] == ["journal", "month", "net", "vat_20", "vat_10",
                                              "gross"]
    assert list(table.rows) == [
        ("Chantiers", "2026-11", D("500.00"), D("0"), D("50.00"), D("550.00")),
        ("Chantiers", "2026-12", D("-100.00"), D("0"), D("-10.00"), D("-110.00")),
        ("Ventes", "2026-11", D("460.00"), D("92.00"), D("0"), D("552.00")),
        ("Ventes", "2026-12", D("700.00"), D("140.00"), D("0"), D("840.00")),
    ]
    assert table.total == ("Total", None, D("1560.00"), D("232.00"), D("40.00"), D("1832.00"))


def test_filters_and_an_empty_period(ctx, scenario):
    only = ExportQuery(PERIOD.start, PERIOD.end, journal_id=scenario["journal"])
    assert catalog.run_export(ctx, "ca-journal", query=only).total[2] == D("400.00")
    empty = catalog.run_export(ctx, "ca-journal",
                               query=ExportQuery(date(2025, 1, 1), date(2025, 1, 31)))
    assert list(empty.rows) == [] and empty.notes == ["export.empty"]


def test_ca_par_origine(ctx, scenario):
    table = catalog.run_export(ctx, "ca-origine", query=PERIOD)
    rows = {r[0]: r[1:] for r in table.rows}
    #                 HT           clients quotes accepted conversion  basket
    assert rows["Salon"] == (D("1000.00"), 1, 2, 1, D("50.0"), D("1000.00"))
    assert rows["Site web"] == (D("400.00"), 1, 0, 0, None, D("400.00"))
    assert rows["Bouche à oreille"] == (D("160.00"), 1, 1, 1, D("100.0"), D("160.00"))
    assert table.total == ("Total", D("1560.00"), 3, 3, 2, D("66.7"), D("520.00"))


def test_clients_won_and_lost(ctx, scenario):
    table = catalog.run_export(ctx, "clients-gagnes-perdus", query=PERIOD)
    got = sorted((r[0], r[1], r[2], r[3]) for r in table.rows)
    assert got == [
        ("ARNAUD", "won", date(2026, 11, 28), D("1000.00")),
        ("BLANC", "won", date(2026, 11, 28), D("500.00")),
        ("CARON", "lost_refuse", date(2026, 11, 28), D("2000.00")),
        ("DURAND", "won", date(2026, 11, 28), D("800.00")),
    ]


def test_reste_a_facturer(ctx, scenario):
    table = catalog.run_export(ctx, "reste-a-facturer", query=PERIOD)
    assert [(r[1], r[3], r[4], r[5]) for r in table.rows] == [
        ("commande", "DURAND", D("800.00"), D("640.00"))]
    assert table.total[-1] == D("640.00")


def test_the_journal_total_is_the_sum_of_the_documents(ctx, scenario):
    with ctx.db.engine.connect() as conn:
        docs = list(revenue.issued(conn, PERIOD))
    total = catalog.run_export(ctx, "ca-journal", query=PERIOD).total
    assert sum((d.net for d in docs), D(0)) == total[2]
    assert sum((d.gross for d in docs), D(0)) == total[-1]


def test_a_reversed_period_is_refused_in_french(ctx):
    with pytest.raises(ValidationError) as caught:
        catalog.run_export(ctx, "ca-journal",
                           query=ExportQuery(date(2026, 12, 31), date(2026, 1, 1)))
    assert "la date de fin est avant la date de début" in error_text(caught.value)


def _cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_csv_on_standard_output_opens_in_french_excel(ctx, scenario, capsys):
    code, out, _ = _cli(capsys, "export", "ca-journal", "--from", "01/11/2026",
                        "--to", "31/12/2026", "--db", ctx.db.sqlite_path)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Journal", "Mois", "Total HT", "TVA 20 %", "TVA 10 %", "Total TTC"]
    assert rows[2] == ["Chantiers", "12/2026", "-100,00", "0", "-10,00", "-110,00"]
    assert rows[-1] == ["Total", "", "1560,00", "232,00", "40,00", "1832,00"]


def test_csv_and_xlsx_files(ctx, scenario, capsys, tmp_path):
    target = tmp_path / "ca.csv"
    code, _, err = _cli(capsys, "export", "ca-origine", "--from", "01/11/2026",
                        "--to", "31/12/2026", "-o", target, "--db", ctx.db.sqlite_path)
    assert code == 0 and "3 lignes écrites" in err
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and "Bouche à oreille".encode() in content
    book = tmp_path / "ca.xlsx"
    code, _, _ = _cli(capsys, "export", "ca-journal", "--from", "01/11/2026",
                      "--to", "31/12/2026", "-o", book, "--db", ctx.db.sqlite_path)
    assert code == 0
    sheet = openpyxl.load_workbook(book).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Journal" and values[-1][2] == pytest.approx(1560.00)
    assert isinstance(values[1][2], int | float)  # a typed number: sums work in Excel


@pytest.mark.parametrize("argv, said", [
    (["--from", "31/12/2026", "--to", "01/01/2026"], "la date de fin est avant"),
    (["--from", "31/02/2026", "--to", "01/03/2026"], "n'est pas une date"),
    (["--from", "01/01/2026", "--to", "31/12/2026", "-o", "absent/ca.csv"], "n'existe pas"),
    (["--from", "01/01/2026", "--to", "31/12/2026", "--journal", "ZZ"], "Aucun journal"),
])
def test_bad_input_is_refused_in_french_with_no_file(ctx, capsys, tmp_path, argv, said):
    argv = [a if a != "absent/ca.csv" else str(tmp_path / "absent" / "ca.csv") for a in argv]
    code, _, err = _cli(capsys, "export", "ca-journal", *argv, "--db", ctx.db.sqlite_path)
    assert code == 2 and said in err
    assert not list(tmp_path.rglob("*.csv")) and not list(tmp_path.rglob("*.partial"))


def test_an_unknown_export_is_refused(ctx, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["export", "ca-inconnu", "--from", "01/01/2026", "--to", "31/12/2026"])
    assert stopped.value.code == 2
    assert "n'est pas un choix possible" in capsys.readouterr().err
