"""Supplier price files as they really come: detection, rows, line errors in French."""

from decimal import Decimal

import pytest

from extradesk.core.errors import Problem, ValidationError
from extradesk.i18n.messages import error_text, problem_text
from extradesk.services.catalogues import parse

CP1252_FILE = (
    "Référence;Désignation;Famille;Sous-famille;Unité;Prix achat HT;Prix public HT;TVA\r\n"
    "W1245ER;Pompe à chaleur 9 kW « Été »;Chauffage;Pompes;u;1 234,50;1 899,00;20\r\n"
    "\r\n"
    "AQ-77;\"Raccord 3/4\"\" laiton; mâle\";Plomberie;Raccords;u;2,35;4,10;20\r\n"
    "BR-1;Œillet inox – lot de 10 €;Quincaillerie;;lot;0,045;0,09;20\r\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read_all(path, **kwargs):
    sniffed = parse.sniff(path, **kwargs)
    from extradesk.core.catalogue_text import guess_mapping

    mapping = guess_mapping(sniffed.headers)
    return sniffed, list(parse.rows(path, sniffed.format, mapping))


def test_windows_1252_with_accents_quotes_and_decimal_commas(tmp_path):
    path = write(tmp_path, "tarif.csv", CP1252_FILE, "cp1252")
    sniffed, items = read_all(path)
    assert sniffed.format == parse.FileFormat("cp1252", ";", ",", True)
    assert sniffed.headers[1] == "Désignation"
    assert all(isinstance(i, parse.CatalogueRow) for i in items)
    pump, fitting, eyelet = items
    assert (pump.line, pump.ref, pump.ref_norm) == (2, "W1245ER", "w1245er")
    assert pump.label == "Pompe à chaleur 9 kW « Été »"
    assert pump.label_folded == 'pompe a chaleur 9 kw " ete "'
    assert (pump.purchase_price, pump.public_price, pump.vat_rate) == (
        Decimal("1234.50"), Decimal("1899.00"), Decimal("20.00"))
    assert (pump.family, pump.sub_family, pump.unit) == ("Chauffage", "Pompes", "u")
    assert fitting.line == 4 and fitting.label == 'Raccord 3/4" laiton; mâle'
    assert eyelet.purchase_price == Decimal("0.045") and eyelet.sub_family is None
    assert eyelet.label.startswith("Œillet inox –")


def test_utf8_with_bom_tabs_and_decimal_points(tmp_path):
    text = "\ufeffref\tlibelle\tprix net\r\nA-1\tVanne\t12.5\r\nB.2\tCoude\t3.75\r\n"
    sniffed, items = read_all(write(tmp_path, "t.txt", text))
    assert sniffed.format == parse.FileFormat("utf-8-sig", "\t", ".", True)
    assert sniffed.headers == ["ref", "libelle", "prix net"]  # no BOM glued to the title
    assert [(i.ref_norm, i.purchase_price) for i in items] == [
        ("a1", Decimal("12.5")), ("b2", Decimal("3.75"))]


def test_iso_8859_1_and_comma_separated(tmp_path):
    """ISO-8859-1 reads as Windows-1252 (its superset); C1 bytes only exist in the former."""
    text = "Code,Libellé,Prix\nX1,Bâche été,\"12,5\"\nX2,Filtre,7\n"
    sniffed, items = read_all(write(tmp_path, "t.csv", text, "latin-1"))
    assert sniffed.format.encoding == "cp1252" and sniffed.format.delimiter == ","
    assert parse.detect_encoding("é\x81 abc;d".encode("latin-1")) == "latin-1"
    assert items[0].label == "Bâche été" and items[0].purchase_price == Decimal("12.5")


def test_blank_broken_and_bad_lines_are_named_in_french(tmp_path):
    text = ("Référence;Désignation;Prix achat HT;TVA\n"
            "A1;Vanne;12,50;20\n"
            "\n"
            ";Sans référence;3,00;20\n"
            "A3;Prix faux;douze;20\n"
            "A4;Trop court\n"
            "A5;TVA fausse;1,00;150\n"
            "A6;Négatif;-1;20\n"
            "A7;Bon;7;5,5\n")
    _, items = read_all(write(tmp_path, "t.csv", text))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [problem_text(p) for p in problems] == [
        "Ligne 4 : référence manquante.",
        "Ligne 5 : prix d'achat « douze » n'est pas un nombre.",
        "Ligne 6 : 2 colonnes au lieu de 4.",
        "Ligne 7 : TVA « 150 » n'est pas un taux de TVA.",
        "Ligne 8 : prix d'achat « -1 » est négatif.",
    ]
    good = [i for i in items if isinstance(i, parse.CatalogueRow)]
    assert [(g.ref, g.vat_rate) for g in good] == [("A1", Decimal("20.00")),
                                                   ("A7", Decimal("5.50"))]


def test_a_line_in_another_encoding_is_reported_not_garbled(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("ref;libellé;prix\nA1;Vanne;1,5\n".encode()
                     + "A2;Bâche;2\n".encode("cp1252") + b"A3;Tuyau;3\n")
    _, items = read_all(path, encoding="utf-8")  # as detected on a sample of a big file
    assert [problem_text(i) for i in items if isinstance(i, Problem)] == [
        "Ligne 3 : caractères illisibles en UTF-8 (mauvais encodage ?)."]
    assert [i.ref for i in items if isinstance(i, parse.CatalogueRow)] == ["A1", "A3"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "est vide"),
    (b"   \n\n", "est vide"),
    (b"%PDF-1.7\x00\x01\x02binary", "n'est pas un fichier texte"),
    (b"juste du texte sans colonnes\nune autre ligne\n", "Aucune colonne trouvée"),
])
def test_files_that_are_no_catalogue_are_refused(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        parse.sniff(path)
    assert message in error_text(caught.value)


def test_no_reference_column_is_refused(tmp_path):
    path = write(tmp_path, "t.csv", "Désignation;Prix\nVanne;1,5\n")
    sniffed = parse.sniff(path)
    with pytest.raises(ValidationError) as caught:
        list(parse.rows(path, sniffed.format, {"label": 0}))
    assert error_text(caught.value) == "Indiquez quelle colonne contient la référence."


def test_cancel_stops_the_reading(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("ref;libelle;prix\n")
        for i in range(20_000):
            f.write(f"R{i};Article {i};{i},5\n")
    sniffed = parse.sniff(path)
    seen = []

    def cancelled():
        return len(seen) >= 5000

    with pytest.raises(parse.Cancelled):
        for item in parse.rows(path, sniffed.format, {"ref": 0}, cancelled=cancelled):
            seen.append(item)
    assert 5000 <= len(seen) < 8000


def test_preview_reads_only_the_first_rows(tmp_path):
    path = write(tmp_path, "t.csv", CP1252_FILE, "cp1252")
    sniffed = parse.sniff(path)
    rows = parse.preview(path, sniffed.format, {"ref": 0, "label": 1}, limit=2)
    assert [r.ref for r in rows] == ["W1245ER", "AQ-77"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_with_a_bom_are_read(tmp_path, encoding):
    """UTF-16 (what Excel's "Texte Unicode" writes) was refused as "not a text file"."""
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    path = write(tmp_path, "unicode.txt", bom + CP1252_FILE.replace(";", "\t"), encoding)
    sniffed, items = read_all(path)
    assert sniffed.format == parse.FileFormat("utf-16", "\t", ",", True)
    assert parse.ENCODING_NAMES["utf-16"] == "UTF-16"
    assert sniffed.headers[1] == "Désignation"  # no BOM glued to the first title
    assert [(i.line, i.ref, i.label) for i in items] == [
        (2, "W1245ER", "Pompe à chaleur 9 kW « Été »"),
        (4, "AQ-77", 'Raccord 3/4" laiton mâle'),  # its quoted ";" became a tab
        (5, "BR-1", "Œillet inox – lot de 10 €")]
    assert items[2].purchase_price == Decimal("0.045")


def test_a_utf16_bom_wins_over_a_remembered_encoding(tmp_path):
    path = write(tmp_path, "unicode.txt", CP1252_FILE, "utf-16")
    sniffed, items = read_all(path, encoding="cp1252")
    assert sniffed.format.encoding == "utf-16" and len(items) == 3


def test_a_broken_utf16_line_is_named(tmp_path):
    path = tmp_path / "t.txt"
    good = "ref;libellé;prix\nA1;Vanne;1,5\n".encode("utf-16")
    path.write_bytes(good + "A2;Bâ".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
                     + "che;2\nA3;Tuyau;3\n".encode("utf-16-le"))
    _, items = read_all(path)
    assert [problem_text(i) for i in items if isinstance(i, Problem)] == [
        "Ligne 3 : caractères illisibles en UTF-16 (mauvais encodage ?)."]
    assert [i.ref for i in items if isinstance(i, parse.CatalogueRow)] == ["A1", "A3"]


def test_nul_and_control_characters_never_reach_a_catalogue_line(tmp_path):
    sample = "ref;libellé;famille;prix\n" + "A0;Vanne;Piscine;1\n" * 60_000  # NUL past sniff
    path = write(tmp_path, "t.csv", sample + "A\x001;Van\x07ne\x1b 3/4\x00;Pis\x9dcine;2\n")
    _, items = read_all(path, encoding="utf-8")
    last = items[-1]
    assert (last.ref, last.ref_norm, last.label, last.family) == (
        "A1", "a1", "Vanne 3/4", "Piscine")
