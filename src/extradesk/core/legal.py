"""What French law wants printed on quotes and invoices, and checks of the identifiers used."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extradesk.core.errors import Problem
from extradesk.core.search_text import fold
from extradesk.core.tax import HOUSING_REDUCED_RATES
from extradesk.core.workflow import DocumentKind

MAX_PAYMENT_DAYS = 60  # Code de commerce L441-10: 60 days from the invoice date at most
MAX_VALIDITY_DAYS = 366
DEFAULT_PAYMENT_TERMS = "Paiement à 30 jours date de facture, par virement ou chèque."
DEFAULT_LATE_PENALTY = (
    "En cas de retard de paiement, des pénalités sont exigibles au taux de trois fois le "
    "taux d'intérêt légal. Pas d'escompte pour paiement anticipé."
)
RECOVERY_INDEMNITY_TEXT = (
    "Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement "
    "(client professionnel) : 40 € (art. L441-10 et D441-5 du Code de commerce)."
)
DEFAULT_HOUSING_VAT_TEXT = (
    "Taux réduit de TVA applicable aux travaux dans des locaux d'habitation achevés depuis "
    "plus de deux ans, sous réserve de l'attestation remise par le client "
    "(art. 278-0 bis A et 279-0 bis du CGI)."
)
VAT_EXEMPT_TEXT = "TVA non applicable, art. 293 B du CGI."

_SIRET = re.compile(r"^\d{14}$")
_VAT_FR = re.compile(r"^FR([0-9A-Z]{2})(\d{9})$")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")
_NO_CAPITAL = ("ei", "entreprise individuelle", "entrepreneur individuel", "micro",
               "auto-entrepreneur", "auto entrepreneur")


@dataclass(frozen=True)
class CompanyIdentity:
    """The business as it appears on its documents (one row of company settings)."""

    name: str | None = None
    legal_form: str | None = None  # SARL, SAS, EI...
    capital: Decimal | None = None  # euros
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    siret: str | None = None
    rcs_rm: str | None = None  # "RCS Lyon B 123 456 789" or "RM 69"
    vat_number: str | None = None  # FR + key + SIREN
    vat_exempt: bool = False  # franchise en base: no VAT, mention 293 B
    vat_on_debits: bool = False  # "option pour le paiement de la TVA d'après les débits"
    logo: bytes | None = None
    logo_name: str | None = None
    iban: str | None = None
    bic: str | None = None
    decennial_required: bool = True  # building trades must show their ten-year insurance
    insurer: str | None = None  # name and address of the insurer
    insurance_policy: str | None = None
    insurance_coverage: str | None = None  # geographic coverage
    payment_days: int = 30
    payment_terms: str | None = DEFAULT_PAYMENT_TERMS
    late_penalty: str | None = DEFAULT_LATE_PENALTY
    recovery_indemnity: bool = True
    quote_validity_days: int = 90
    housing_vat_text: str | None = DEFAULT_HOUSING_VAT_TEXT


def digits_only(value: str | None) -> str:
    return re.sub(r"\s", "", value or "").upper()


def luhn_ok(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def siren_ok(value: str) -> bool:
    """9 digits with a valid Luhn key (La Poste's 356000000 passes as well)."""
    siren = digits_only(value)
    return len(siren) == 9 and siren.isdigit() and luhn_ok(siren)


_VAT_EU = re.compile(r"^[A-Z]{2}[0-9A-Z+*]{2,12}$")


def eu_vat_number_ok(value: str) -> bool:
    """French numbers fully checked; other EU numbers by their shape only."""
    number = digits_only(value)
    if number.startswith("FR"):
        return vat_number_ok(number)
    return bool(_VAT_EU.match(number))


def siret_ok(value: str) -> bool:
    siret = digits_only(value)
    if not _SIRET.match(siret):
        return False
    if siret.startswith("356000000"):  # La Poste: one SIREN, establishments by digit sum
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_ok(siret) and luhn_ok(siret[:9])


def vat_number_ok(value: str) -> bool:
    """French intra-EU VAT number: FR, a two-digit key computed from the SIREN, the SIREN."""
    match = _VAT_FR.match(digits_only(value))
    if not match:
        return False
    key, siren = match.groups()
    if not key.isdigit():
        return luhn_ok(siren)  # new-style alphanumeric keys: only the SIREN can be checked
    return int(key) == (12 + 3 * (int(siren) % 97)) % 97


def iban_ok(value: str) -> bool:
    iban = digits_only(value)
    if not _IBAN.match(iban):
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def bic_ok(value: str) -> bool:
    return bool(_BIC.match(digits_only(value)))


def needs_capital(legal_form: str | None) -> bool:
    form = fold(legal_form)
    return bool(form) and not form.startswith(_NO_CAPITAL)


def check_identity(company: CompanyIdentity) -> list[Problem]:
    """Identifiers that are filled in but cannot be right (typos caught before printing)."""
    problems: list[Problem] = []
    if company.siret and not siret_ok(company.siret):
        problems.append(Problem("siret", "legal.siret_invalid", {"value": company.siret}))
    if company.vat_number and not vat_number_ok(company.vat_number):
        problems.append(Problem("vat_number", "legal.vat_number_invalid",
                                {"value": company.vat_number}))
    if company.iban and not iban_ok(company.iban):
        problems.append(Problem("iban", "legal.iban_invalid", {"value": company.iban}))
    if company.bic and not bic_ok(company.bic):
        problems.append(Problem("bic", "legal.bic_invalid", {"value": company.bic}))
    if not 0 <= company.payment_days <= MAX_PAYMENT_DAYS:
        problems.append(Problem("payment_days", "legal.payment_days_invalid",
                                {"max": MAX_PAYMENT_DAYS}))
    if not 1 <= company.quote_validity_days <= MAX_VALIDITY_DAYS:
        problems.append(Problem("quote_validity_days", "legal.validity_days_invalid",
                                {"max": MAX_VALIDITY_DAYS}))
    if company.capital is not None and company.capital < 0:
        problems.append(Problem("capital", "line.negative",
                                {"value": format(company.capital, "f").replace(".", ",")}))
    return problems


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing_identity(company: CompanyIdentity) -> list[Problem]:
    problems: list[Problem] = []
    for value, field, message_id in (
            (company.name, "name", "legal.company_name"),
            (company.line1 and company.postal_code and company.city, "line1",
             "legal.company_address"),
            (company.siret, "siret", "legal.siret"),
            (company.legal_form, "legal_form", "legal.legal_form"),
            (company.capital if needs_capital(company.legal_form) else 0, "capital",
             "legal.capital"),
            (company.rcs_rm, "rcs_rm", "legal.rcs_rm"),
            (company.vat_number or company.vat_exempt, "vat_number", "legal.vat_number"),
            (not company.decennial_required or (company.insurer and company.insurance_policy
                                                and company.insurance_coverage),
             "insurer", "legal.insurance")):
        if _blank(value) or value is False:
            problems.append(Problem(field, message_id))
    return problems


def missing_identity(company: CompanyIdentity) -> list[Problem]:
    """What every printed document (quotes and orders too) must say of the business and does
    not: name, address, SIRET, legal form and capital, RCS/RM, VAT number, insurance; plus
    identifiers that cannot be right."""
    return _missing_identity(company) + check_identity(company)


@dataclass(frozen=True)
class ClientFacts:
    name: str
    line1: str | None
    postal_code: str | None
    city: str | None
    business: bool = False  # a company name is filled in: a professional client
    siren: str | None = None
    vat_number: str | None = None
    country: str = "FR"


# The category of the operation an invoice must state (reform of e-invoicing, CGI 242
# nonies A): deliveries of goods, services, or both.
GOODS, SERVICES, MIXED = "goods", "services", "mixed"
OPERATION_CATEGORIES = (GOODS, SERVICES, MIXED)
# Sales accounts of the plan comptable that are goods (701-703 products, 707 merchandise);
# 704 works, 705 studies, 706 services and 708 are services.
_GOODS_ACCOUNTS = ("701", "702", "703", "707")
_SERVICE_UNITS = frozenset({"h", "heure", "heures", "j", "jour", "jours", "forfait", "ft"})


def line_category(account_code: str | None, unit: str | None) -> str:
    """Goods or services for one priced line: its article's account when it has one, else
    its unit (hours, days, a flat fee are work; anything counted or measured is goods)."""
    if account_code:
        return GOODS if account_code.startswith(_GOODS_ACCOUNTS) else SERVICES
    return SERVICES if (unit or "").strip().lower().rstrip(".") in _SERVICE_UNITS else GOODS


def propose_category(categories: Iterable[str]) -> str | None:
    found = set(categories)
    if not found:
        return None
    return found.pop() if len(found) == 1 else MIXED


def reform_mentions(*, kind: DocumentKind, client: ClientFacts, category: str | None,
                    reverse_charge: bool, priced: bool = True) -> list[Problem]:
    """The e-invoicing reform's mentions an invoice, deposit invoice or credit note lacks
    (`priced`: it has priced lines; without any, "nothing to issue" says it all)."""
    if kind not in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE,
                    DocumentKind.CREDIT_NOTE):
        return []
    problems: list[Problem] = []
    if client.business and client.country == "FR" and not client.siren:
        problems.append(Problem("siren", "mention.client_siren", {"client": client.name}))
    if category is None and priced:
        problems.append(Problem("operation_category", "mention.operation_category"))
    if reverse_charge and not client.vat_number:
        problems.append(Problem("client_vat_number", "mention.reverse_charge_vat_number",
                                {"client": client.name}))
    return problems


def missing_mentions(
    company: CompanyIdentity,
    *,
    kind: DocumentKind,
    client: ClientFacts,
    rates: Iterable[Decimal],
) -> list[Problem]:
    """Everything a document of `kind` must show and that is not there, as problems."""
    problems = _missing_identity(company)

    def need(value, field: str, message_id: str) -> None:
        if _blank(value):
            problems.append(Problem(field, message_id))

    rates = {Decimal(r) for r in rates}
    if rates & HOUSING_REDUCED_RATES:
        need(company.housing_vat_text, "housing_vat_text", "legal.housing_vat_text")
    if company.vat_exempt and any(r != 0 for r in rates):
        problems.append(Problem("vat_rate", "legal.vat_exempt_with_vat"))
    if kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE):
        need(company.payment_terms, "payment_terms", "legal.payment_terms")
        need(company.late_penalty, "late_penalty", "legal.late_penalty")
    if not client.name.strip():
        problems.append(Problem("client", "legal.client_name"))
    if not (client.line1 and client.postal_code and client.city):
        problems.append(Problem("client", "legal.client_address", {"name": client.name}))
    return problems + check_identity(company)
