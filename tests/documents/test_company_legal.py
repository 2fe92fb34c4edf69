"""The legal identity: identifiers checked before they reach a printout, mentions per case."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal as D

import pypdf
import pytest
from documents_helpers import LEGAL, pdf_text
from hypothesis import given
from hypothesis import strategies as st

from extradesk import paths
from extradesk.core import legal
from extradesk.core.errors import ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput


def test_settings_start_with_sensible_defaults_and_round_trip(ctx):
    empty = company.get_company(ctx)
    assert empty.name is None and empty.payment_days == 30 and empty.quote_validity_days == 90
    assert "trois fois le taux d'intérêt légal" in empty.late_penalty
    company.save_company(ctx, LEGAL)
    saved = company.get_company(ctx)
    assert saved.siret == "73282932000074" and saved.vat_number == "FR44732829320"
    assert saved.iban == "FR7630006000011234567890189" and saved.capital == D("10000")
    company.update_company(ctx, payment_days=45)
    assert company.get_company(ctx).payment_days == 45


@pytest.mark.parametrize(("change", "message"), [
    ({"siret": "732 829 320 00075"},
     "SIRET : « 73282932000075 » n'est pas valide (14 chiffres et clé de contrôle)."),
    ({"siret": "1234"}, "SIRET : « 1234 » n'est pas valide (14 chiffres et clé de contrôle)."),
    ({"vat_number": "FR45732829320"},
     "N° de TVA : « FR45732829320 » n'est pas un numéro français valide."),
    ({"iban": "FR76 3000 6000 0112 3456 7890 188"},
     "IBAN : « FR7630006000011234567890188 » n'est pas valide (clé de contrôle)."),
    ({"bic": "AGRI"}, "BIC : « AGRI » n'est pas valide (8 ou 11 caractères)."),
    ({"payment_days": 90}, "Le délai de paiement doit être compris entre 0 et 60 jours."),
    ({"logo": b"GIF89a..."}, "Le logo doit être une image PNG ou JPEG de moins de 1024 Ko."),
    ({"email": "compta@"}, "E-mail : « compta@ » n'est pas une adresse e-mail valide."),
])
def test_wrong_identifiers_are_refused(ctx, change, message):
    company.save_company(ctx, LEGAL)
    with pytest.raises(ValidationError) as caught:
        company.save_company(ctx, replace(LEGAL, **change))
    assert error_text(caught.value) == message
    assert company.get_company(ctx).siret == "73282932000074"  # unchanged


def luhn_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if legal.luhn_ok(body + d))


@given(st.text("0123456789", min_size=8, max_size=8), st.text("0123456789", min_size=4,
                                                               max_size=4))
def test_siret_and_vat_keys(siren_body, nic_body):
    siren = luhn_complete(siren_body)
    siret = luhn_complete(siren + nic_body)
    if not siren.startswith("356000000"):
        assert legal.siret_ok(siret)
        for i in range(14):  # Luhn catches every single wrong digit
            wrong = siret[:i] + str((int(siret[i]) + 1) % 10) + siret[i + 1:]
            assert not legal.siret_ok(wrong)
    key = (12 + 3 * (int(siren) % 97)) % 97
    assert legal.vat_number_ok(f"FR{key:02d}{siren}")
    assert not legal.vat_number_ok(f"FR{(key + 1) % 97:02d}{siren}")


def test_a_sole_trader_needs_no_capital_and_a_vat_exempt_one_no_vat_number(ctx, helene):
    company.save_company(ctx, replace(LEGAL, legal_form="EI", capital=None, vat_number=None,
                                      vat_exempt=True, decennial_required=False,
                                      insurer=None, insurance_policy=None,
                                      insurance_coverage=None))
    invoice, _ = documents.create_invoice(ctx, helene)
    lines.add_line(ctx, invoice, data=LineInput(label="Taille de haie", unit_price="250",
                                           vat_rate="20"))
    assert [p.message_id for p in issuing.check_before_issue(ctx, invoice)] == [
        "legal.vat_exempt_with_vat"]
    lines.update_line(ctx, documents.get_document(ctx, invoice).lines[0].id,
                      data=LineInput(label="Taille de haie", unit_price="250", vat_rate="0"))
    assert issuing.check_before_issue(ctx, invoice) == []
    issuing.issue_document(ctx, invoice)
    text = pdf_text(documents.render_pdf(ctx, invoice))
    assert "TVA non applicable, art. 293 B du CGI." in text
    assert "au capital" not in text and "Assurance décennale" not in text


def test_the_logo_is_printed(ctx, helene):
    logo = (paths.resources_dir() / "icons" / "extradesk-128.png").read_bytes()
    company.save_company(ctx, replace(LEGAL, logo=logo, logo_name="logo.png"))
    quote, _ = documents.create_quote(ctx, helene)
    reader = pypdf.PdfReader(io.BytesIO(documents.render_pdf(ctx, quote)))
    assert len(reader.pages[0].images) == 1


def test_quotes_list_what_their_printout_lacks_but_are_not_blocked(ctx, helene):
    quote, _ = documents.create_quote(ctx, helene)
    lines.add_line(ctx, quote, data=LineInput(label="Pose", unit_price="100", vat_rate="10"))
    assert "legal.siret" in {p.message_id for p in issuing.check_before_issue(ctx, quote)}
    assert "DEVIS N° D-2026-00001" in pdf_text(documents.render_pdf(ctx, quote))
