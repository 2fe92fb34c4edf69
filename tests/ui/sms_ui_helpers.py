"""Helpers of the SMS screen tests: the fake gateway of tests/sms (a local HTTP server
checking each provider's documented API), a business with a phone, clients with mobiles."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sms"))

from fake_gateway import ANDROID, SECRETS, closed_port_url, serve  # noqa: E402

from extradesk.services import company  # noqa: E402
from extradesk.services.clients import records as clients  # noqa: E402
from extradesk.services.dto import ClientInput  # noqa: E402
from extradesk.services.sms import gateway  # noqa: E402

__all__ = ["ANDROID", "SECRETS", "add_client", "business", "closed_port_url", "configure",
           "serve"]


def business(ctx) -> None:
    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
        line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
        phone="04 78 12 34 56", siret="73282932000074"))


def configure(ctx, fake) -> None:
    """The Android gateway on the fake, with a STOP number for campaigns."""
    gateway.save_gateway(ctx, data=gateway.GatewayInput(kind="android", url=fake.url,
                                                         stop_number="36111"),
                         secrets=list(ANDROID))


def add_client(ctx, last_name: str, mobile: str | None, **fields) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        civility_id=2, last_name=last_name, phone_mobile=mobile,
        billing_line1="3 chemin des Vignes", billing_postal_code=fields.pop("postal", "69003"),
        billing_city=fields.pop("city", "Lyon"), **fields))
    return client_id
