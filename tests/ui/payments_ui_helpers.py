"""Helpers for the payments UI tests: issued invoices of hand-worked amounts, PDFs read back,
every row of the payment tables (to prove a refusal saved nothing)."""

from __future__ import annotations

import io
import re
import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pypdf

from extradesk.services import company
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput

_SPACES = re.compile(r"[ \u00a0\u202f]+")
TABLES = ("payments", "payment_allocations", "payment_chain", "deposit_slips",
          "dunning_letters", "outbox", "documents")


LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    phone="04 78 12 34 56", email="contact@piscines-azur.fr",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320",
    vat_number="FR44 732 829 320", iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP",
    insurer="MAAF Assurances, 79036 Niort", insurance_policy="DEC-123456",
    insurance_coverage="France métropolitaine",
)


def business(ctx) -> None:
    company.save_company(ctx, LEGAL)


def client(ctx, name: str = "Dupont", *, company_name: str | None = None,
           email: str | None = None) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name=name, first_name="Hélène" if company_name is None else None,
        company=company_name, billing_line1="3 chemin des Vignes",
        billing_postal_code="69003", billing_city="Lyon", email=email))
    return client_id


def invoice(ctx, client_id: int, amount: str, *, on: date, due: date | None = None) -> int:
    """An issued invoice of one line at `amount` HT, VAT 0 % (TTC = amount)."""
    doc, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, doc, data=LineInput(label="Travaux", quantity="1", unit_price=amount,
                                            vat_rate="0"))
    if due is not None:
        header = documents.get_document(ctx, doc).header
        documents.update_header(ctx, doc, header=replace(header, issue_date=on, due_date=due))
    issuing.issue_document(ctx, doc, on=on)
    return doc


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [repr(row) for table in TABLES
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(_SPACES.sub(" ", page.extract_text()) for page in reader.pages)


def plain(text: str) -> str:
    return _SPACES.sub(" ", text)
