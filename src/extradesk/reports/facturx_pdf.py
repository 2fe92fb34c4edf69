"""Turn the PDF reportlab rendered into a Factur-X PDF/A-3: sRGB output intent, the CII XML
embedded as factur-x.xml, XMP metadata (PDF/A-3 B + the Factur-X extension schema).

The PDF/A points reportlab does not cover are added here; the fonts are already embedded
subsets (DejaVu, see pdf_style.fonts), and no page uses Helvetica (document_pdf.render).
Checked by tests/documents/test_facturx.py with pypdf — veraPDF is not available here.
"""

from __future__ import annotations

import io
from functools import cache

from extradesk import paths

PRODUCER = "pypdf"  # what factur-x writes in the XMP: the Info dictionary must say the same
SRGB = "sRGB IEC61966-2.1"


@cache
def _icc() -> bytes:
    """The sRGB profile shipped in resources/icc (588 bytes, made with Pillow's ImageCms)."""
    return (paths.resources_dir() / "icc" / "sRGB.icc").read_bytes()


def _add_output_intent(writer) -> None:
    """An sRGB /OutputIntents in the catalog (reportlab drops any we set on its canvas)."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    stream = DecodedStreamObject()
    stream.set_data(_icc())
    stream = stream.flate_encode()
    stream[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(SRGB),
        NameObject("/Info"): TextStringObject(SRGB),
        NameObject("/DestOutputProfile"): writer._add_object(stream),
    })
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject(
        [writer._add_object(intent)])


def embed(pdf: bytes, xml: bytes, *, title: str, author: str, subject: str) -> bytes:
    """The Factur-X PDF: `pdf` with its output intent, `xml` attached, metadata set.

    One pypdf clone does both steps. We call the step of factur-x's generate_from_file that
    attaches the XML and writes the XMP rather than generate_from_file itself: given bytes,
    it writes its output after the input in the same buffer (generate_from_binary returns
    two glued PDFs with the pypdf versions we use, see shared/notes/einvoicing.md).
    """
    from facturx import facturx as fx
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer._header = b"%PDF-1.6"  # /AF and embedded-file relationships are PDF 1.6+ / 2.0
    _add_output_intent(writer)
    fx._facturx_update_metadata_add_attachment(
        writer, xml, {"author": author, "title": title, "subject": subject,
                      "keywords": "Factur-X"},
        "factur-x", "en16931", lang="fr-FR", xmp_compression=False)
    writer.add_metadata({"/Producer": PRODUCER})  # PDF/A: Info and XMP agree
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xml_of(pdf: bytes) -> bytes | None:
    """The factur-x.xml a PDF carries, or None."""
    import facturx

    _name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    return xml or None
