"""Helpers of the mail UI tests: a business with a quote to mail (imported by name)."""

from __future__ import annotations

from decimal import Decimal

import smtp_server
from extradesk.services import company, users
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput, UserInput
from extradesk.services.mail import accounts

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    phone="04 78 12 34 56", email="contact@piscines-azur.fr",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320",
    vat_number="FR44 732 829 320", insurer="MAAF Assurances, 79036 Niort",
    insurance_policy="DEC-123456", insurance_coverage="France métropolitaine")


def business(ctx, *, email: str | None = "marc@piscines-azur.fr") -> None:
    company.save_company(ctx, LEGAL)
    users.update_user(ctx, ctx.user_id, data=UserInput(
        name="Marc Lefèvre", initials="ML", email=email, color="#3465a4"))


def account(ctx, server) -> None:
    """The company account on `server` (a Servers member or a Flaky one)."""
    login = smtp_server.LOGIN if server.security != "none" else None
    accounts.save_account(ctx, None, data=accounts.AccountInput(
        host=server.host, port=server.port, security=server.security,
        sender_address="contact@piscines-azur.fr", sender_name="Piscines Azur", login=login),
        password=smtp_server.PASSWORD if login else None)


def helene(ctx) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        civility_id=2, last_name="Dupont", first_name="Hélène", email="helene@wanadoo.fr",
        billing_line1="3 chemin des Vignes", billing_postal_code="69003",
        billing_city="Lyon"))
    return client_id


def quote(ctx, client_id: int) -> int:
    quote_id, _ = documents.create_quote(ctx, client_id, subject="Filtration piscine")
    lines.add_line(ctx, quote_id, data=LineInput(label="Pose et mise en service", quantity="1",
                                                 unit_price="350", vat_rate="10"))
    return quote_id


def add_client_without_email(ctx) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name="Martin", first_name="Paul", billing_line1="1 rue Haute",
        billing_postal_code="69001", billing_city="Lyon"))
    return client_id


def quote_with_notices(ctx, client_id: int, folder) -> int:
    """A quote whose pump line is an article with two technical notices."""
    from extradesk.services.articles import edit as articles
    from extradesk.services.articles import notices
    from extradesk.services.articles.dto import ArticleInput

    pump, _ = articles.create_article(ctx, ArticleInput(
        code="W1245ER", label="Pompe de filtration 1 CV", sale_price="690"))
    for name, data in (("Notice de montage été.pdf", b"%PDF-1.4 montage"),
                       ("Garantie pompe.pdf", b"%PDF-1.4 garantie")):
        path = folder / name
        path.write_bytes(data)
        notices.attach(ctx, pump, source=path)
    quote_id, _ = documents.create_quote(ctx, client_id, subject="Filtration piscine")
    lines.add_line(ctx, quote_id, data=LineInput(code="W1245ER", label="Pompe de filtration 1 CV",
                                                 quantity="1", unit_price="690", vat_rate="20"))
    return quote_id
