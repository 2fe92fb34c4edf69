"""The demo's business: fictional, but with identifiers that pass every check (SIRET and
SIREN Luhn keys, the VAT key computed from the SIREN, an IBAN with its check digits), so
the demo prints and issues like a real business would."""

from __future__ import annotations

from decimal import Decimal

from extradesk.core.legal import CompanyIdentity
from extradesk.services import company
from extradesk.services.context import Context

DEMO_COMPANY = CompanyIdentity(
    name="Rhône Habitat Services (démonstration)", legal_form="SARL",
    capital=Decimal("15000"), line1="18 rue des Artisans", line2="ZA des Platanes",
    postal_code="69800", city="Saint-Priest", phone="04 72 00 12 34",
    email="contact@rhone-habitat.example", website="www.rhone-habitat.example",
    siret="84261937100011", rcs_rm="RCS Lyon B 842 619 371", vat_number="FR04842619371",
    iban="FR7630004012340001234567862", bic="BNPAFRPP",
    insurer="Mutuelle fictive du Bâtiment, 10 place de la Bourse, 69002 Lyon",
    insurance_policy="DEMO-DEC-2026-0042", insurance_coverage="France métropolitaine",
)


def fill_company(ctx: Context) -> bool:
    """Give the database the demo's company when it has none yet (a real one is never
    replaced); True when it did."""
    if company.get_company(ctx).name:
        return False
    company.save_company(ctx, DEMO_COMPANY)
    return True
