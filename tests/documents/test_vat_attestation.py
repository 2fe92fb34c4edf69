"""Reduced-VAT attestation: works at 10 % or 5,5 % in a dwelling over two years old are only
invoiced once the client's attestation is recorded (on the quote, found from the order and
the invoices made from it)."""

from __future__ import annotations

from datetime import date

import pytest
from documents_helpers import dump

from extradesk.core.errors import ExtradeskError
from extradesk.i18n.messages import error_text
from extradesk.services.documents import attestation, conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput

pytestmark = pytest.mark.no_attestation

TILES = LineInput(label="Carrelage 60×60", quantity="3", unit="u", unit_price="120,50",
                  vat_rate="10")
TAP = LineInput(label="Robinet thermostatique", quantity="1", unit_price="80",
                vat_rate="5,5")
PUMP = LineInput(label="Pompe de filtration", quantity="1", unit_price="900", vat_rate="20")


def refused(ctx, db_path, action) -> str:
    before = dump(db_path)
    with pytest.raises(ExtradeskError) as caught:
        action()
    assert dump(db_path) == before
    return error_text(caught.value)


def with_lines(ctx, document_id, *data):
    for line in data:
        lines.add_line(ctx, document_id, data=line)
    return document_id


def test_an_invoice_at_reduced_rates_waits_for_the_attestation(business, db_path, helene):
    invoice_id = with_lines(business, documents.create_invoice(business, helene)[0],
                            TILES, TAP, PUMP)
    assert [p.message_id for p in issuing.check_before_issue(business, invoice_id)] == [
        "mention.vat_attestation"]
    assert refused(business, db_path, lambda: issuing.issue_document(business, invoice_id)) \
        == ("TVA à taux réduit (5,5 % / 10 %) : l'attestation du client (logement achevé "
            "depuis plus de deux ans) doit être enregistrée sur le devis ou la pièce "
            "(« Attestation TVA réduite… ») avant d'émettre la facture.")
    attestation.record(business, invoice_id, day=date(2026, 11, 20))
    number, _ = issuing.issue_document(business, invoice_id)
    assert number == "F-2026-00001"


def test_only_reduced_rates_need_it_and_not_under_autoliquidation(business, helene):
    invoice_id = with_lines(business, documents.create_invoice(business, helene)[0], PUMP)
    assert issuing.check_before_issue(business, invoice_id) == []
    quote_id = with_lines(business, documents.create_quote(business, helene)[0], TILES)
    assert issuing.check_before_issue(business, quote_id) == []  # a quote is only a proposal


def test_recorded_on_the_quote_it_carries_to_the_order_its_deposit_and_invoice(
        business, helene, tmp_path):
    scan = tmp_path / "attestation-dupont.pdf"
    scan.write_bytes(b"%PDF-1.4 signed attestation 1-1301-SD")
    quote_id = with_lines(business, documents.create_quote(business, helene)[0], TILES, PUMP)
    attestation.record(business, quote_id, day=date(2026, 11, 25), source=scan,
                       name="Attestation Mme Dupont.pdf")
    order_id = conversions.accept_quote(business, quote_id)[0]
    deposit_id = conversions.deposit_invoice(business, order_id, percent="30")[0]
    found = attestation.load(business, deposit_id)
    assert (found.document_id, found.day, found.name) == (
        quote_id, date(2026, 11, 25), "Attestation Mme Dupont.pdf")
    assert found.path.read_bytes() == scan.read_bytes()  # a copy in the notice store
    scan.unlink()
    assert found.path.is_file()
    issuing.issue_document(business, deposit_id)
    invoice_id = conversions.invoice_order(business, order_id)[0]
    assert issuing.check_before_issue(business, invoice_id) == []
    issuing.issue_document(business, invoice_id)


def test_a_future_date_or_an_unreadable_file_is_refused(business, db_path, helene, tmp_path):
    quote_id = documents.create_quote(business, helene)[0]
    assert refused(business, db_path, lambda: attestation.record(
        business, quote_id, day=date(2026, 11, 29))) == (
        "La date de l'attestation TVA réduite ne peut pas être dans le futur.")
    missing = tmp_path / "absent.pdf"
    assert refused(business, db_path, lambda: attestation.record(
        business, quote_id, day=date(2026, 11, 1), source=missing)) == (
        f"Le fichier « {missing} » n'est pas un fichier lisible : l'attestation n'a pas été "
        "enregistrée.")
    assert attestation.load(business, quote_id) is None


def test_the_command_line_records_it_on_a_quote(business, db_path, helene, tmp_path, capsys):
    from extradesk.cli import main

    scan = tmp_path / "attestation.png"
    scan.write_bytes(b"\x89PNG scanned attestation")
    quote_id = with_lines(business, documents.create_quote(business, helene)[0], TAP)
    number = documents.get_document(business, quote_id).number
    business.db.dispose()
    assert main(["facturx", "attestation", number.lower(), "--date", "20/11/2026",
                 "--fichier", str(scan), "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Attestation TVA réduite du 20/11/2026 enregistrée sur {number}.")
    found = attestation.load(business, quote_id)
    assert (found.day, found.name, found.path.read_bytes()) == (
        date(2026, 11, 20), "attestation.png", scan.read_bytes())
    assert main(["facturx", "attestation", "D-2026-00999", "--db", str(db_path)]) != 0
    assert main(["facturx", "attestation", number, "--date", "32/11/2026",
                 "--db", str(db_path)]) != 0
