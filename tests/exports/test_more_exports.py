"""Export commercial, CA par famille / par compte, encaissements and the FEC, to the cent on
the hand-worked business of conftest.py, and consistent with CA par journal.

Own revenue of the period (see test_revenue_reports.py): 1 560,00 HT, VAT 232,00 at 20 %
and 40,00 at 10 %.
  by family:   Entretien 400,00 (B's ENT line)   Piscine 100,00 − 100,00 (FIL, then its
               credit note) = 0,00   Sans famille 300 + 160 deposits + 1 000 − 300 A's final
               invoice = 1 160,00
  by account:  706000 400,00   707000 0,00   707900 (waiting) 1 160,00
  payments:    Banque cheque 360,00 + transfer 300,00; Caisse cash 192,00 then cancelled
               (−192,00): counted 2, received 852,00, out −192,00, net 660,00
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest

from extradesk.cli import main
from extradesk.core.errors import StateError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.articles import edit as articles
from extradesk.services.exports import accounts, catalog, fec, saving
from extradesk.services.exports.model import ExportQuery
from extradesk.services.payments import figures

PERIOD = ExportQuery(date(2026, 11, 1), date(2026, 12, 31))
REVENUE_KINDS = {"facture", "acompte", "avoir"}


def _rows(ctx, name, query=PERIOD):
    return list(catalog.run_export(ctx, name, query=query).rows)


def test_commercial_one_row_per_document_with_paid_and_remaining(ctx, scenario):
    table = catalog.run_export(ctx, "commercial", query=PERIOD)
    keys = [c.key for c in table.columns]
    assert keys == ["number", "kind", "date", "client", "postal_code", "city", "origin",
                    "ouvrage", "status", "author", "journal", "net", "vat", "gross", "paid",
                    "to_pay", "due_date"]
    rows = [dict(zip(keys, r, strict=True)) for r in table.rows]
    assert table.size == len(rows) == 10  # 3 quotes, 2 orders, 2 deposits, 2 invoices, 1 note
    issued = {(r["kind"], r["client"]): r for r in rows if r["kind"] in REVENUE_KINDS}
    money = {k: tuple(r[c] for c in ("net", "vat", "gross", "paid", "to_pay"))
             for k, r in issued.items()}
    assert money == {
        ("acompte", "ARNAUD"): (D("300.00"), D("60.00"), D("360.00"), D("360.00"), D("0.00")),
        ("acompte", "DURAND"): (D("160.00"), D("32.00"), D("192.00"), D("0.00"), D("192.00")),
        ("facture", "BLANC"): (D("500.00"), D("50.00"), D("550.00"), D("300.00"),
                               D("250.00")),
        ("facture", "ARNAUD"): (D("700.00"), D("140.00"), D("840.00"), D("0.00"),
                                D("840.00")),
        ("avoir", "BLANC"): (D("-100.00"), D("-10.00"), D("-110.00"), None, None),
    }
    b = issued[("facture", "BLANC")]
    assert (b["postal_code"], b["city"], b["origin"], b["journal"], b["status"]) == (
        "69003", "Lyon", "Site web", "Chantiers", "payee_partiellement")
    assert b["due_date"] is not None and b["date"] == date(2026, 11, 28)
    # paid and remaining are the payments module's own figures
    ids = [scenario["deposit_a"], scenario["deposit_d"], scenario["invoice_b"],
           scenario["final_a"]]
    known = figures.figures_by_ids(ctx, ids)
    assert sorted((f.paid, f.remaining) for f in known.values()) == sorted(
        (r["paid"], r["to_pay"]) for r in issued.values() if r["kind"] != "avoir")


def test_commercial_filters_by_kind_and_status(ctx, scenario):
    only = ExportQuery(PERIOD.start, PERIOD.end, kinds=("devis",))
    quotes = _rows(ctx, "commercial", only)
    assert sorted((r[1], r[3], r[8]) for r in quotes) == [
        ("devis", "ARNAUD", "accepte"), ("devis", "CARON", "refuse"),
        ("devis", "DURAND", "accepte")]
    refused = ExportQuery(PERIOD.start, PERIOD.end, statuses=("refuse",))
    assert [r[3] for r in _rows(ctx, "commercial", refused)] == ["CARON"]
    with pytest.raises(ValidationError) as caught:
        catalog.run_export(ctx, "commercial", query=ExportQuery(
            PERIOD.start, PERIOD.end, kinds=("bon",)))
    assert "Type de pièce « bon » inconnu" in error_text(caught.value)


def test_ca_par_famille_and_par_compte(ctx, scenario):
    families = catalog.run_export(ctx, "ca-famille", query=PERIOD)
    assert list(families.rows) == [
        ("Entretien", D("400.00"), D("25.6")),
        ("Piscine", D("0.00"), D("0.0")),
        ("Sans famille", D("1160.00"), D("74.4")),
    ]
    assert families.total == ("Total", D("1560.00"), D("100.0"))
    by_account = catalog.run_export(ctx, "ca-compte", query=PERIOD)
    assert list(by_account.rows) == [
        ("706000", "Prestations de services", D("400.00"), D("25.6")),
        ("707000", "Ventes de marchandises", D("0.00"), D("0.0")),
        ("707900", "Articles à classer", D("1160.00"), D("74.4")),
    ]


def test_an_article_edited_after_the_invoice_leaves_its_account(ctx, scenario):
    """The lines keep the family and account they had when made: moving article ENT to
    another account later changes nothing in December's figures."""
    ent = articles.find_by_code(ctx, "ENT")
    codes = {a.code: a.id for a in accounts_list(ctx)}
    articles.update_article(ctx, ent.id, data=_input_of(ent, account_id=codes["704000"],
                                                        family_id=None))
    rows = {r[0]: r[2] for r in _rows(ctx, "ca-compte")}
    assert rows["706000"] == D("400.00") and "704000" not in rows


def accounts_list(ctx):
    from extradesk.services.articles import accounts as plan

    return plan.list_accounts(ctx)


def _input_of(detail, **changes):
    from dataclasses import fields

    from extradesk.services.articles.dto import ArticleInput

    values = {f.name: getattr(detail, f.name) for f in fields(ArticleInput)
              if hasattr(detail, f.name)}
    values.update(changes)
    return ArticleInput(**values)


def test_the_totals_agree_everywhere(ctx, scenario):
    journal = catalog.run_export(ctx, "ca-journal", query=PERIOD).total
    commercial = [r for r in _rows(ctx, "commercial") if r[1] in REVENUE_KINDS]
    assert sum((r[11] for r in commercial), D(0)) == journal[2] == D("1560.00")
    assert sum((r[13] for r in commercial), D(0)) == journal[-1]
    assert catalog.run_export(ctx, "ca-famille", query=PERIOD).total[1] == journal[2]
    assert catalog.run_export(ctx, "ca-compte", query=PERIOD).total[2] == journal[2]


def test_encaissements_net_the_cancelled_payment(ctx, scenario):
    table = catalog.run_export(ctx, "encaissements", query=PERIOD)
    assert list(table.rows) == [
        ("Banque", "cheque", 1, D("360.00"), D("0.00"), D("360.00")),
        ("Banque", "virement", 1, D("300.00"), D("0.00"), D("300.00")),
        ("Caisse", "especes", 0, D("192.00"), D("-192.00"), D("0.00")),
    ]
    assert table.total == ("Total", None, 2, D("852.00"), D("-192.00"), D("660.00"))


def _fec(ctx):
    table = catalog.run_export(ctx, "fec", query=PERIOD)
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, r, strict=True)) for r in table.rows]


def test_fec_entries_balance_and_equal_the_revenue(ctx, scenario):
    rows = _fec(ctx)
    entries = defaultdict(list)
    for row in rows:
        entries[row["EcritureNum"]].append(row)
    for number, lines in entries.items():
        assert sum(r["Debit"] for r in lines) == sum(r["Credit"] for r in lines), number
        assert len({(r["EcritureDate"], r["PieceRef"]) for r in lines}) == 1
    sales = [r for r in rows if r["JournalCode"] in ("VT", "CH")]
    revenue = sum((r["Credit"] - r["Debit"] for r in sales if r["CompteNum"][:2] == "70"),
                  D(0))
    vat = sum((r["Credit"] - r["Debit"] for r in sales if r["CompteNum"][:5] == "44571"),
              D(0))
    assert (revenue, vat) == (D("1560.00"), D("272.00"))
    final = [r for r in entries["VT000003"]]
    assert sorted((r["CompteNum"], r["Debit"], r["Credit"]) for r in final) == [
        ("411000", D("840.00"), D("0")), ("44571200", D("0"), D("140.00")),
        ("707900", D("0"), D("700.00"))]
    assert {r["CompAuxNum"] for r in final if r["CompteNum"] == "411000"} == {
        f"411{scenario['a']:06d}"}
    note = [r for r in entries["CH000002"]]
    assert sorted((r["CompteNum"], r["Debit"], r["Credit"]) for r in note) == [
        ("411000", D("0"), D("110.00")), ("44571100", D("10.00"), D("0")),
        ("707000", D("100.00"), D("0"))]
    treasury = [(r["JournalCode"], r["CompteNum"], r["Debit"], r["Credit"]) for r in rows
                if r["JournalCode"] in ("BQ", "CA")]
    assert treasury == [
        ("BQ", "512000", D("360.00"), D("0")), ("BQ", "411000", D("0"), D("360.00")),
        ("BQ", "512000", D("300.00"), D("0")), ("BQ", "411000", D("0"), D("300.00")),
        ("CA", "530000", D("192.00"), D("0")), ("CA", "411000", D("0"), D("192.00")),
        ("CA", "530000", D("0"), D("192.00")), ("CA", "411000", D("192.00"), D("0")),
    ]


def test_fec_accounts_follow_the_settings(ctx, scenario):
    accounts.set_accounting(ctx, client_root="4111", vat_root="4457",
                            journal_accounts={"CA": "531000", "BQ": "512100"})
    rows = _fec(ctx)
    used = {r["CompteNum"] for r in rows}
    assert {"411000", "44571200", "512000", "530000"}.isdisjoint(used)
    assert {"411100", "4457200", "4457100", "531000", "512100"} <= used
    assert f"4111{scenario['b']:06d}" in {r["CompAuxNum"] for r in rows}
    with pytest.raises(ValidationError) as caught:
        accounts.set_accounting(ctx, client_root="41A")
    assert "Racine des comptes clients : « 41A » n'est pas un numéro de compte" in (
        error_text(caught.value))


def test_fec_file_named_after_the_siren_tab_separated(ctx, scenario, capsys, tmp_path):
    code = main(["export", "fec", "--from", "01/11/2026", "--to", "31/12/2026",
                 "-o", str(tmp_path), "--db", str(ctx.db.sqlite_path)])
    assert code == 0
    target = tmp_path / "732829320FEC20261231.txt"
    lines = target.read_bytes().decode("iso8859_15").split("\r\n")
    header = lines[0].split("\t")
    assert header == list(fec.FIELDS) and len(header) == 18
    first = lines[1].split("\t")
    assert first[:4] == ["VT", "Ventes", "VT000001", "20261128"]
    assert first[11:13] == ["360,00", "0,00"] and first[15] == "20261128"
    assert all(len(line.split("\t")) == 18 for line in lines[1:] if line)


def test_fec_needs_the_siret(ctx, scenario):
    company.update_company(ctx, siret=None)
    with pytest.raises(StateError) as caught:
        catalog.run_export(ctx, "fec", query=PERIOD)
    assert "SIRET" in error_text(caught.value)


def test_csv_and_xlsx_of_the_new_exports_read_back(ctx, scenario, tmp_path):
    path = tmp_path / "commercial.csv"
    saving.save_export(ctx, "commercial", query=PERIOD, path=path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Numéro", "Type", "Date"] and len(rows) == 11
    avoir = next(r for r in rows if r[1] == "Avoir")
    assert avoir[11:14] == ["-100,00", "-10,00", "-110,00"] and avoir[2] == "03/12/2026"
    book = tmp_path / "famille.xlsx"
    saving.save_export(ctx, "ca-famille", query=PERIOD, path=book, xlsx=True)
    values = list(openpyxl.load_workbook(book).active.iter_rows(values_only=True))
    assert values[0] == ("Famille", "Total HT", "Part du CA (%)")
    assert values[1][1] == pytest.approx(400.0) and isinstance(values[1][1], float | int)
    assert values[-1][:2] == ("Total", pytest.approx(1560.0))


@pytest.mark.parametrize("name", ["commercial", "ca-famille", "ca-compte", "encaissements",
                                  "fec"])
def test_bad_input_on_the_new_exports_leaves_no_file(ctx, scenario, capsys, tmp_path, name):
    tmp_path = tmp_path / "out"  # the database lives beside
    tmp_path.mkdir()
    for argv, said in ((["--from", "31/12/2026", "--to", "01/01/2026"], "date de fin"),
                       (["--from", "31/02/2026", "--to", "01/03/2026"], "n'est pas une date"),
                       (["--from", "01/01/2026", "--to", "31/12/2026", "-o",
                         str(tmp_path / "absent" / "x.csv")], "n'existe pas")):
        code = main(["export", name, *argv, "--db", str(ctx.db.sqlite_path)])
        err = capsys.readouterr().err
        assert code == 2 and said in err and "Traceback" not in err
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_cancel_midway_leaves_no_file(ctx, scenario, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "commercial.csv"
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 1  # the first row goes, then the user cancels

    with pytest.raises(Exception) as caught:
        saving.save_export(ctx, "commercial", query=PERIOD, path=target, cancelled=cancelled)
    assert "annulé" in error_text(caught.value)
    assert not list(tmp_path.iterdir())


def test_comptes_fec_on_the_command_line(ctx, scenario, capsys):
    db = str(ctx.db.sqlite_path)
    assert main(["comptes-fec", "--racine-clients", "4111", "--journal", "ca=531000",
                 "--db", db]) == 0
    out = capsys.readouterr().out
    assert "client_root : 4111" in out and "CA=531000" in out and "BQ=512000" in out
    assert main(["comptes-fec", "--banque", "51x", "--db", db]) == 2
    assert "« 51x » n'est pas un numéro de compte" in capsys.readouterr().err
    assert main(["export", "fec", "--from", "01/12/2026", "--to", "31/12/2026",
                 "--db", db]) == 0
    lines = capsys.readouterr().out.split("\r\n")
    assert lines[0].startswith("JournalCode\tJournalLib")
    assert any("\t531000\t" in line for line in lines) and any(
        f"\t4111{scenario['a']:06d}\t" in line for line in lines)


def test_the_csv_writer_neutralises_formulas_and_keeps_types():
    from extradesk.reports import table_out

    out = io.StringIO()
    count = table_out.write_csv(
        out, header=["Client", "Type", "Montant", "Date", "Mois", "Nombre"],
        kinds=["text", "text", "money", "date", "month", "count"],
        rows=[("=HYPERLINK(\"x\")", "avoir", D("-12.50"), date(2026, 2, 3), "2026-02", 3),
              ("-12,50", None, None, None, None, None)],
        label=lambda i, v: "Avoir" if v == "avoir" else v, labelled={1})
    assert count == 2
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(\"x\")", "Avoir", "-12,50", "03/02/2026", "02/2026", "3"]
    assert rows[2] == ["-12,50", "", "", "", "", ""]
