"""Fixtures for the documents tests: a business with its legal identity, a client, a quote."""

from __future__ import annotations

import pytest
from documents_helpers import LEGAL

from extradesk.services import company
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput


@pytest.fixture
def business(ctx):
    """The company settings filled in as a real business would."""
    company.save_company(ctx, LEGAL)
    return ctx


@pytest.fixture
def helene(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name="Dupont", first_name="Hélène", billing_line1="3 chemin des Vignes",
        billing_postal_code="69003", billing_city="Lyon", origin_id=2,
        site_same_as_billing=False, site_line1="Villa Les Mouettes, 8 allée des Pins",
        site_postal_code="06400", site_city="Cannes"))
    return client_id
