"""Demo article base: families from the trades of the demo quotes, their chapters as
sub-families, the quote items as articles (so demo codes typed in the editor are found), a
few left « à classer », one inactive, and small generated notices (PDF and PNG)."""

from __future__ import annotations

import random
import struct
import tempfile
import zlib
from decimal import Decimal
from pathlib import Path

from extradesk.core.money import to_cents
from extradesk.services import references
from extradesk.services.articles import accounts, families, notices
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.context import Context
from extradesk.services.demo.quote_templates import BY_OUVRAGE_TYPE, SERVICE

ACCOUNT_OF = {"Projet graphique": "706000", "Entretien": "706000", "Autre": "704000",
              "Jardin": "704000", "Terrasse": "704000"}
SUPPLIERS = ("Aqua Distribution", "Poêles & Flammes SA", "Cedeo", "Point.P", "Leroy Pro")


def _pdf(title: str) -> bytes:
    """A one-page PDF with a title, written by hand (reportlab costs ~100 ms to import)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _png(seed: int, size: int = 64) -> bytes:
    """A small coloured square: a stand-in for a product photo."""
    rng = random.Random(seed)
    colour = bytes(rng.randrange(60, 220) for _ in range(3))
    raw = b"".join(b"\x00" + colour * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def generate_articles(ctx: Context, *, seed: int = 1) -> int:
    """Build the demo article base once (skipped when articles already exist)."""
    if articles.count_articles(ctx):
        return 0
    rng = random.Random(seed)
    codes = {a.code: a.id for a in accounts.list_accounts(ctx)}
    supplier_ids = [references.add_item(ctx, "supplier", label=name)[0].id for name in SUPPLIERS
                    if name not in {i.label for i in references.list_items(ctx, "supplier")}]
    trades = {**BY_OUVRAGE_TYPE, "Entretien": SERVICE}
    made, seen, with_notices = 0, set(), []
    for trade, template in trades.items():
        account_id = codes[ACCOUNT_OF.get(trade, "707000")]
        sections = list(template.chapters) + list(template.options)
        rate = sections[0][1][0][5]  # the job's rate (one per job: see quote_templates)
        family, _ = families.add_family(ctx, trade, account_id=account_id, vat_rate=rate)
        subs: dict[str, int] = {}
        for chapter, items in sections:
            if chapter not in subs:  # an option may share a chapter's title
                subs[chapter] = families.add_family(ctx, chapter, parent_id=family)[0]
            sub = subs[chapter]
            for code, label, unit, low, high, vat, _qmin, _qmax in items:
                if code in seen:
                    continue
                seen.add(code)
                sale = to_cents(Decimal(str((low + high) / 2)))
                classified = rng.random() > 0.12  # some wait on 707900, as typed on a quote
                new_id, _ = articles.create_article(ctx, ArticleInput(
                    code=code, label=label, unit=unit, sale_price=sale,
                    purchase_price=to_cents(sale / Decimal("1.45")), vat_rate=vat,
                    family_id=family if classified else None,
                    sub_family_id=sub if classified else None,
                    account_id=account_id if classified else None,
                    supplier_id=rng.choice(supplier_ids) if supplier_ids else None,
                    supplier_ref=f"{rng.choice('ABCDEFGHKLMPR')}{rng.randrange(1000, 99999)}",
                    active=rng.random() > 0.03))
                made += 1
                if rng.random() < 0.25:
                    with_notices.append((new_id, code, label))
    _attach_notices(ctx, with_notices)
    return made


def _attach_notices(ctx: Context, chosen: list[tuple[int, str, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="extradesk-notices-") as folder:
        for number, (article_id, code, label) in enumerate(chosen):
            pdf = Path(folder) / f"Notice {code}.pdf"
            pdf.write_bytes(_pdf(f"Notice technique - {label}"))
            notices.attach(ctx, article_id, source=pdf)
            if number % 3 == 0:
                png = Path(folder) / f"Photo {code}.png"
                png.write_bytes(_png(number))
                notices.attach(ctx, article_id, source=png)
