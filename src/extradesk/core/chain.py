"""The chain of issued documents: each link hashes the document's legal content, its PDF's
hash and the previous link, so a change to any issued document, or a document removed or
slipped in, breaks every link after it (inalterability of recorded sales, French anti-fraud
rules for invoicing software).

The formula is frozen: changing it would break every chain already stored."""

from __future__ import annotations

import hashlib
from datetime import date

GENESIS = "0" * 64  # the "previous link" of the first issued document


def link_hash(previous: str, *, number: str, kind: str, issue_date: date, net_cents: int,
              vat_cents: int, gross_cents: int, deposits_cents: int, pdf_sha256: str) -> str:
    """SHA-256 (hex) of one link: fields joined by `|`, amounts in integer cents."""
    fields = (previous, number, kind, issue_date.isoformat(), str(net_cents), str(vat_cents),
              str(gross_cents), str(deposits_cents), pdf_sha256)
    return hashlib.sha256("|".join(fields).encode("utf-8")).hexdigest()
