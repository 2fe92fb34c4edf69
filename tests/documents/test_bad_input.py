"""Bad input gets a clear French message and changes nothing (every table compared)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from documents_helpers import dump, plain

from extradesk.core.errors import ExtradeskError, NotFoundError, StateError, ValidationError
from extradesk.core.workflow import Status
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import DocumentHeader, LineInput

GOOD = LineInput(code="LIN-03", label="Liner", quantity="1", unit="u", unit_price="2480",
                 vat_rate="20")


@pytest.fixture
def invoice(business, helene):
    invoice_id, _ = documents.create_invoice(business, helene)
    line_id, _ = lines.add_line(business, invoice_id, data=GOOD)
    return invoice_id, line_id


def refused(ctx, db_path, action, error=ExtradeskError) -> str:
    """Run `action`, expect `error`, check the database did not move; the French text."""
    before = dump(db_path)
    with pytest.raises(error) as caught:
        action()
    assert dump(db_path) == before
    return error_text(caught.value)


@pytest.mark.parametrize(("data", "message"), [
    (LineInput(label="Liner", quantity="-2", unit_price="10"),
     "Quantité : -2 est négatif ; saisissez une valeur positive ou nulle."),
    (LineInput(label="Liner", quantity="1", unit_price="-10"),
     "Prix unitaire HT : -10 est négatif ; saisissez une valeur positive ou nulle."),
    (LineInput(label="Liner", quantity="1000000", unit_price="10"),
     "Quantité : 1000000 dépasse le maximum autorisé (100000). Erreur de frappe ?"),
    (LineInput(label="Liner", quantity="1", unit_price="25000000"),
     "Prix unitaire HT : 25000000 dépasse le maximum autorisé (1000000). Erreur de frappe ?"),
    (LineInput(label="Liner", quantity="90000", unit_price="900000"),
     "Le total de la ligne dépasse 10000000 € HT : vérifiez la quantité et le prix."),
    (LineInput(label="Liner", quantity="1,23456", unit_price="10"),
     "Quantité : 1,23456 a trop de décimales (3 au maximum)."),
    (LineInput(label="Liner", quantity="deux", unit_price="10"),
     "Quantité : « deux » n'est pas un nombre."),
    (LineInput(label="Liner", quantity="1", unit_price="10", vat_rate="7"),
     "TVA : 7 % n'est pas un taux en vigueur (20 %, 10 %, 5,5 %, 2,1 %, 0 %)."),
    (LineInput(label="Liner", quantity="1", unit_price="10", vat_rate="19,6"),
     "TVA : 19,6 % n'est pas un taux en vigueur (20 %, 10 %, 5,5 %, 2,1 %, 0 %)."),
    (LineInput(label="Liner", quantity="1", unit_price="10", discount="120"),
     "Remise (%) : 120 dépasse le maximum autorisé (100). Erreur de frappe ?"),
    (LineInput(label="", quantity="1", unit_price="10"),
     "Indiquez la désignation de la ligne."),
    (LineInput(code="txt_titre"), "Une ligne de texte doit contenir un texte."),
    (LineInput(code="ART 12", label="Liner"), "Code : « ART 12 » ne doit pas contenir d'espace."),
    (LineInput(label="Liner", quantity="NaN", unit_price="10"),
     "Quantité : « NaN » n'est pas un nombre."),
])
def test_bad_lines_are_refused_in_french(ctx, db_path, invoice, data, message):
    invoice_id, line_id = invoice
    assert refused(ctx, db_path, lambda: lines.add_line(ctx, invoice_id, data=data),
                   ValidationError) == message
    assert refused(ctx, db_path, lambda: lines.update_line(ctx, line_id, data=data),
                   ValidationError) == message


def test_every_problem_of_a_line_is_listed(ctx, db_path, invoice):
    text = refused(ctx, db_path, lambda: lines.add_line(ctx, invoice[0], data=LineInput(
        label="", quantity="-1", unit_price="abc", vat_rate="8")), ValidationError)
    assert text.splitlines() == [
        "Indiquez la désignation de la ligne.",
        "Quantité : -1 est négatif ; saisissez une valeur positive ou nulle.",
        "Prix unitaire HT : « abc » n'est pas un nombre.",
        "TVA : 8 % n'est pas un taux en vigueur (20 %, 10 %, 5,5 %, 2,1 %, 0 %)."]
    text = refused(ctx, db_path, lambda: lines.add_line(ctx, invoice[0], data=LineInput(
        label="", quantity="-1", unit_price="5", vat_rate="8")), ValidationError)
    assert text.splitlines() == [
        "Indiquez la désignation de la ligne.",
        "Quantité : -1 est négatif ; saisissez une valeur positive ou nulle.",
        "TVA : 8 % n'est pas un taux en vigueur (20 %, 10 %, 5,5 %, 2,1 %, 0 %)."]


def test_an_issued_invoice_refuses_every_change(ctx, db_path, invoice, helene):
    invoice_id, line_id = invoice
    issuing.issue_document(ctx, invoice_id)
    header = documents.get_document(ctx, invoice_id).header
    frozen = "Facture F-2026-00001 : pièce émise, elle ne peut plus être modifiée. " \
             "Pour la corriger, établissez un avoir."
    for action in (
        lambda: lines.add_line(ctx, invoice_id, data=GOOD),
        lambda: lines.update_line(ctx, line_id, data=GOOD),
        lambda: lines.delete_lines(ctx, [line_id]),
        lambda: lines.move_lines(ctx, [line_id], before_line_id=None),
        lambda: documents.update_header(ctx, invoice_id, header=header),
    ):
        assert refused(ctx, db_path, action, StateError) == frozen
    assert refused(ctx, db_path, lambda: documents.delete_document(ctx, invoice_id)) == (
        "Facture F-2026-00001 : une pièce émise ne se supprime jamais (établissez un avoir).")
    assert refused(ctx, db_path, lambda: issuing.issue_document(ctx, invoice_id)) == (
        "Facture F-2026-00001 : cette pièce est déjà émise.")
    assert refused(ctx, db_path, lambda: documents.set_status(ctx, invoice_id, target=Status.DRAFT)) \
        == "Impossible de passer ce document (facture) de l'état « émise » à « brouillon »."
    # The stored row itself is still what was issued.
    assert documents.get_document(ctx, invoice_id).status == Status.ISSUED


def test_missing_legal_mentions_are_listed_and_block_the_invoice(ctx, db_path, helene):
    invoice_id, _ = documents.create_invoice(ctx, helene)
    lines.add_line(ctx, invoice_id, data=GOOD)
    lines.add_line(ctx, invoice_id, data=LineInput(label="Pose", unit_price="100", vat_rate="10"))
    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", line1="12 avenue des Tilleuls",
        postal_code="69003", city="Lyon", rcs_rm="RCS Lyon", housing_vat_text=None))
    problems = issuing.check_before_issue(ctx, invoice_id)
    assert [p.message_id for p in problems] == [
        "legal.siret", "legal.capital", "legal.vat_number", "legal.insurance",
        "legal.housing_vat_text"]
    text = refused(ctx, db_path, lambda: issuing.issue_document(ctx, invoice_id),
                   ValidationError)
    assert text.splitlines() == [
        "Mention obligatoire manquante : le numéro SIRET de l'entreprise.",
        "Mention obligatoire manquante : le montant du capital social.",
        "Mention obligatoire manquante : le numéro de TVA intracommunautaire (ou choisissez "
        "« TVA non applicable, art. 293 B du CGI »).",
        "Mention obligatoire manquante : l'assurance décennale (assureur, n° de contrat, "
        "couverture géographique).",
        "Mention obligatoire manquante : la mention de l'attestation client pour la TVA à "
        "10 % ou 5,5 %.",
    ]


def test_a_client_without_address_cannot_be_invoiced(business, db_path):
    from extradesk.services.clients import records as clients
    from extradesk.services.dto import ClientInput

    client_id, _ = clients.create_client(business, ClientInput(company="Camping du Lac"))
    invoice_id, _ = documents.create_invoice(business, client_id)
    lines.add_line(business, invoice_id, data=GOOD)
    assert refused(business, db_path, lambda: issuing.issue_document(business, invoice_id)) == (
        "Adresse de facturation incomplète pour Camping du Lac (adresse, code postal et ville).\n"
        # a business client: its SIREN too, since the e-invoicing reform
        "Mention obligatoire manquante : le SIREN du client professionnel Camping du Lac "
        "(fiche client).")


def test_an_invoice_may_not_be_dated_before_the_last_issued(ctx, db_path, invoice, helene):
    invoice_id, _ = invoice
    assert issuing.issue_document(ctx, invoice_id)[0] == "F-2026-00001"  # 28/11/2026
    second, _ = documents.create_invoice(ctx, helene)
    lines.add_line(ctx, second, data=GOOD)
    text = refused(ctx, db_path, lambda: issuing.issue_document(
        ctx, second, on=date(2026, 11, 27)), StateError)
    assert text == ("La date du 27/11/2026 est antérieure à celle de la dernière pièce émise "
                    "(28/11/2026) : la numérotation doit rester chronologique.")
    assert issuing.issue_document(ctx, second)[0] == "F-2026-00002"


def test_empty_invoices_and_wrong_actions(ctx, db_path, business, helene):
    empty, _ = documents.create_invoice(ctx, helene)
    lines.add_line(ctx, empty, data=LineInput(code="txt_note", label="Rien de chiffré"))
    assert refused(ctx, db_path, lambda: issuing.issue_document(ctx, empty)) == (
        "La pièce ne contient aucune ligne chiffrée : il n'y a rien à émettre.")
    quote, _ = documents.create_quote(ctx, helene)
    assert refused(ctx, db_path, lambda: issuing.issue_document(ctx, quote)) == (
        "Devis : ce type de pièce ne s'émet pas (il est numéroté dès sa création).")
    assert refused(ctx, db_path, lambda: conversions.invoice_order(ctx, quote)) == (
        "Cette action s'applique à : Commande (pas à : Devis).")
    assert refused(ctx, db_path, lambda: conversions.credit_note(ctx, empty)) == (
        "Un avoir ne s'établit que sur une facture émise.")
    assert refused(ctx, db_path, lambda: documents.set_status(ctx, quote, target=Status.ACCEPTED)) == (
        "Utilisez « Accepter le devis » pour passer à l'état « Accepté ».")
    assert refused(ctx, db_path, lambda: lines.create_option(ctx, [999])) == (
        "La ligne n° 999 n'existe pas (ou plus) dans ce document.")
    assert refused(ctx, db_path, lambda: documents.get_document(ctx, 4242), NotFoundError) == (
        "Le document n° 4242 n'existe pas (ou plus).")
    header = DocumentHeader(issue_date=date(2026, 11, 28),
                            due_date=date(2026, 11, 28) - timedelta(days=1))
    assert refused(ctx, db_path, lambda: documents.update_header(ctx, empty, header=header)) == (
        "L'échéance (27/11/2026) est antérieure à la date de la pièce (28/11/2026).")


def test_deposits_and_credit_notes_cannot_exceed_what_they_cover(ctx, db_path, business,
                                                                 helene):
    order, _ = documents.create_order(ctx, helene)
    lines.add_line(ctx, order, data=GOOD)  # 2 480 HT, 2 976 TTC
    for percent in ("0", "-5", "150", "12,345", "abc"):
        assert refused(ctx, db_path, lambda p=percent: conversions.deposit_invoice(
            ctx, order, percent=p)) == "Le pourcentage d'acompte doit être supérieur à 0 et au plus 100."
    conversions.deposit_invoice(ctx, order, percent="60")
    # 60 % = 1 785,60 TTC asked already; 50 % more = 1 488,00: 3 273,60 > 2 976,00
    assert plain(refused(ctx, db_path, lambda: conversions.deposit_invoice(ctx, order, percent="50"))) \
        == "Les acomptes (3 273,60 €) dépasseraient le total TTC de la commande (2 976,00 €)."
    invoice, _ = conversions.invoice_order(ctx, order)
    issuing.issue_document(ctx, invoice)
    first, _ = conversions.credit_note(ctx, invoice)
    second, _ = conversions.credit_note(ctx, invoice)
    issuing.issue_document(ctx, first)
    text = refused(ctx, db_path, lambda: issuing.issue_document(ctx, second))
    assert plain(text) == ("Les avoirs (5 952,00 €) dépasseraient le montant TTC de la facture "
                           "F-2026-00001 (2 976,00 €).")
