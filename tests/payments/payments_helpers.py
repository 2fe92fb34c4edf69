"""Helpers shared by the payments tests (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import date
from decimal import Decimal

import pypdf

from extradesk.services import company
from extradesk.services.clients import records as clients
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput
from extradesk.services.payments.entries import PaymentInput

_SPACES = re.compile(r"[ \u00a0\u202f]+")

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    phone="04 78 12 34 56", email="contact@piscines-azur.fr",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320",
    vat_number="FR44 732 829 320", iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP",
    insurer="MAAF Assurances, 79036 Niort", insurance_policy="DEC-123456",
    insurance_coverage="France métropolitaine",
)

PAYMENT_TABLES = ("payments", "payment_allocations", "payment_chain", "payment_closings",
                  "deposit_slips", "dunning_letters", "outbox", "documents")


def new_client(ctx, name: str = "Dupont", *, company_name: str | None = None,
               email: str | None = None) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name=name, first_name="Hélène" if company_name is None else None,
        company=company_name, billing_line1="3 chemin des Vignes",
        # a business client is invoiced with its SIREN (e-invoicing reform)
        siren="552100554" if company_name else None,
        billing_postal_code="69003", billing_city="Lyon", email=email))
    return client_id


def invoice(ctx, client_id: int, amount: str, *, on: date, vat: str = "0",
            due: date | None = None) -> int:
    """An issued invoice of one line at `amount` HT and `vat` % (0 % keeps TTC = amount)."""
    doc, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, doc, data=LineInput(label="Travaux", quantity="1", unit_price=amount,
                                            vat_rate=vat))
    if due is not None:
        from dataclasses import replace

        header = documents.get_document(ctx, doc).header
        documents.update_header(ctx, doc, header=replace(header, due_date=due))
    issuing.issue_document(ctx, doc, on=on)
    return doc


def credit_note(ctx, invoice_id: int, *, on: date) -> int:
    note, _ = conversions.credit_note(ctx, invoice_id)
    issuing.issue_document(ctx, note, on=on)
    return note


def pay(day: date, amount: str, mode: str = "virement", **kw) -> PaymentInput:
    return PaymentInput(day=day, amount=amount, mode=mode, **kw)


def dump(path) -> list[str]:
    """Every row of the payment tables: proves a refused action changed nothing."""
    with sqlite3.connect(path) as conn:
        return [repr(row) for table in PAYMENT_TABLES
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(_SPACES.sub(" ", page.extract_text()) for page in reader.pages)
