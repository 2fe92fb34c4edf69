"""Helpers shared by the documents tests (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pypdf

from db_read import read
from extradesk.services import company

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


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page, spaces of every kind folded to one plain space."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [_SPACES.sub(" ", page.extract_text()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def dump(path) -> list[str]:
    """Every row of every document table: proves a refused action changed nothing."""
    tables = ("documents", "document_lines", "document_options", "document_counters",
              "document_pdfs", "company_settings")
    return [repr(row) for table in tables for row in read(path, f"SELECT * FROM {table} ORDER BY 1")]


def plain(text: str) -> str:
    """French number spacing (narrow and plain no-break spaces) as ordinary spaces."""
    return _SPACES.sub(" ", text)
