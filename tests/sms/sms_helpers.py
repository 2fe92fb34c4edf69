"""Helpers of the SMS tests: configure the gateway on the fake, add a client."""

from __future__ import annotations

from fake_gateway import SECRETS

from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput
from extradesk.services.sms import gateway


def configure(ctx, fake, kind: str = "android", *, secrets=None, url=None, **extra):
    data = gateway.GatewayInput(kind=kind, url=url or fake.url,
                                account="sms-ab12345-1" if kind == "ovh" else None, **extra)
    gateway.save_gateway(ctx, data=data, secrets=secrets or SECRETS[kind])


def add_client(ctx, last_name: str, mobile: str | None, **fields) -> int:
    client_id, _ = clients.create_client(ctx, ClientInput(
        civility_id=2, last_name=last_name, phone_mobile=mobile,
        billing_line1="3 chemin des Vignes", billing_postal_code=fields.pop("postal", "69003"),
        billing_city=fields.pop("city", "Lyon"), **fields))
    return client_id
