"""The fake SMS gateway (session-wide, emptied per test), an in-memory keyring, a business
with a phone, and clients with mobiles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fake_gateway import SECRETS, serve

import radicale_server
from extradesk.services import company
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput
from extradesk.services.sms import gateway

memory_keyring = pytest.fixture(autouse=True)(radicale_server.memory_keyring)


@pytest.fixture(scope="session")
def gateway_server():
    with serve() as server:
        yield server


@pytest.fixture
def fake(gateway_server):
    gateway_server.reset()
    yield gateway_server
    gateway_server.reset()


@pytest.fixture
def business(ctx):
    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
        line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
        phone="04 78 12 34 56", siret="73282932000074"))
    return ctx


def configure(ctx, fake, kind: str = "android", *, secrets=None, url=None, **extra):
    data = gateway.GatewayInput(kind=kind, url=url or fake.url,
                                account="sms-ab12345-1" if kind == "ovh" else None, **extra)
    gateway.save_gateway(ctx, data, secrets=secrets or SECRETS[kind])


@pytest.fixture
def android(business, fake):
    configure(business, fake, "android", stop_number="36111")
    return business


def add_client(ctx, last_name: str, mobile: str | None, **fields) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        civility_id=2, last_name=last_name, phone_mobile=mobile,
        billing_line1="3 chemin des Vignes", billing_postal_code=fields.pop("postal", "69003"),
        billing_city=fields.pop("city", "Lyon"), **fields))
    return client_id
