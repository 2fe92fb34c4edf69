"""Real SMTP servers (aiosmtpd, session-wide), an in-memory keyring, the trusted test CA,
and a business with an SMTP account, a client and a quote."""

from __future__ import annotations

from decimal import Decimal

import pytest
from mail_helpers import account_input

import radicale_server
import smtp_server
from extradesk.services import company, users
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput, UserInput
from extradesk.services.mail import accounts

smtp_servers = pytest.fixture(scope="session")(smtp_server.serve)
flaky = pytest.fixture(smtp_server.flaky)
memory_keyring = pytest.fixture(autouse=True)(radicale_server.memory_keyring)

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    phone="04 78 12 34 56", email="contact@piscines-azur.fr",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320",
    vat_number="FR44 732 829 320", insurer="MAAF Assurances, 79036 Niort",
    insurance_policy="DEC-123456", insurance_coverage="France métropolitaine")


@pytest.fixture
def smtp(smtp_servers, monkeypatch):
    """The servers, emptied, and the client side trusting their certificates."""
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_servers.ca_file))
    smtp_servers.reset()
    yield smtp_servers
    smtp_servers.reset()


@pytest.fixture
def business(ctx):
    company.save_company(ctx, LEGAL)
    users.update_user(ctx, ctx.user_id, data=UserInput(
        name="Marc Lefèvre", initials="ML", email="marc@piscines-azur.fr", color="#3465a4"))
    return ctx


@pytest.fixture
def mailer(business, smtp):
    """The company account on the STARTTLS server (AUTH), password in the keyring."""
    accounts.save_account(business, None, data=account_input(smtp.starttls),
                          password=smtp_server.PASSWORD)
    return business


@pytest.fixture
def helene(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(
        civility_id=2, last_name="Dupont", first_name="Hélène", email="helene@wanadoo.fr",
        billing_line1="3 chemin des Vignes", billing_postal_code="69003",
        billing_city="Lyon"))
    return client_id
