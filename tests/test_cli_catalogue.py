"""`extradesk catalogue import / find` as a script uses them."""

import json

import pytest

from extradesk.cli import main

FILE = ("Référence;Désignation;Famille;Prix achat HT\n"
        "W1245ER;Pompe à chaleur;Chauffage;1 234,50\n"
        "SK-88;Skimmer;Piscine;189\n")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_reports_the_diff_and_find_ignores_separators(tmp_path, db_path, capsys):
    path = tmp_path / "tarif.csv"
    path.write_bytes(FILE.encode("cp1252"))
    code, out, _ = run(capsys, "catalogue", "import", "--supplier", "Aqua", path, "--db", db_path)
    assert code == 0
    assert out.splitlines() == ["Catalogue « Aqua » importé : 2 lignes (fichier en Windows-1252).",
                                "Premier import : 2 lignes nouvelles."]
    path.write_bytes((FILE.replace("189", "199") + "X;Prix faux;;abc\n").encode("cp1252"))
    code, _, err = run(capsys, "catalogue", "import", "--supplier", "aqua", path, "--db", db_path)
    assert code == 2 and "Ligne 4 : prix d'achat « abc » n'est pas un nombre." in err
    code, out, _ = run(capsys, "catalogue", "import", "--supplier", "aqua", path, "--skip-bad",
                       "--db", db_path)
    assert "0 nouvelle, 0 retirée, 1 prix en hausse, 0 prix en baisse, 1 inchangée." \
        in out
    assert "hausse    SK-88  Skimmer  189,00\u00a0€ → 199,00\u00a0€" in out
    code, out, _ = run(capsys, "catalogue", "find", "w 1245-er", "--json", "--db", db_path)
    [line] = json.loads(out)
    assert (line["supplier"], line["ref"], line["purchase_price"]) == ("Aqua", "W1245ER",
                                                                       "1234.5")


def test_a_mapping_file_names_the_columns(tmp_path, db_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("a;b;c\nR1;Vanne;2,5\n", encoding="utf-8")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"ref": "a", "label": 2, "purchase_price": "c"}))
    code, _, _ = run(capsys, "catalogue", "import", "--supplier", "Brico", path,
                     "--mapping", mapping, "--db", db_path)
    assert code == 0
    code, out, _ = run(capsys, "catalogue", "find", "r1", "--db", db_path)
    assert out.strip() == "Brico  R1  Vanne  — achat 2,50\u00a0€ HT"
    mapping.write_text(json.dumps({"ref": "zz"}))
    code, _, err = run(capsys, "catalogue", "import", "--supplier", "Brico", path,
                       "--mapping", mapping, "--db", db_path)
    assert code == 2 and "Fichier de correspondance illisible « m.json »" in err


def test_a_failed_import_creates_no_supplier(tmp_path, db_path, capsys):
    from extradesk.core.errors import NotFoundError
    from extradesk.services.catalogues import lookup
    from extradesk.services.context import open_context

    path = tmp_path / "tarif.csv"
    path.write_bytes((FILE + "X;Prix faux;;abc\n").encode("cp1252"))
    code, _, err = run(capsys, "catalogue", "import", "--supplier", "Aqua", path, "--db", db_path)
    assert code == 2 and "Ligne 4 : prix d'achat « abc » n'est pas un nombre." in err
    ctx, _ = open_context(db_path)
    try:
        with pytest.raises(NotFoundError):
            lookup.supplier_by_name(ctx, "Aqua", create=False)
    finally:
        ctx.db.dispose()


def test_a_utf16_file_is_imported_and_its_encoding_said(tmp_path, db_path, capsys):
    path = tmp_path / "unicode.txt"
    path.write_bytes(FILE.replace(";", "\t").encode("utf-16"))
    code, out, _ = run(capsys, "catalogue", "import", "--supplier", "Aqua", path, "--db", db_path)
    assert code == 0
    assert out.splitlines()[0] == "Catalogue « Aqua » importé : 2 lignes (fichier en UTF-16)."
    code, out, _ = run(capsys, "catalogue", "find", "w1245er", "--db", db_path)
    assert out.strip() == "Aqua  W1245ER  Pompe à chaleur  — achat 1\u202f234,50\u00a0€ HT"
