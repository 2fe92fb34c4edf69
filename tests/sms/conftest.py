"""The fake SMS gateway (session-wide, emptied per test), an in-memory keyring, a business
with a phone, and clients with mobiles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fake_gateway import serve
from sms_helpers import configure

import radicale_server
from extradesk.services import company

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


@pytest.fixture
def android(business, fake):
    configure(business, fake, "android", stop_number="36111")
    return business
