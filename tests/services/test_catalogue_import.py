"""Importing supplier catalogues: all or nothing, remembered mapping, re-import diff, lookups."""

from decimal import Decimal

import pytest
from sqlalchemy import text

from extradesk.core.errors import NotFoundError, StorageError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.articles import edit as articles
from extradesk.services.articles import families
from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.catalogues import parse

HEADER = "Référence;Désignation;Famille;Sous-famille;Unité;Prix achat HT;Prix public HT;TVA\n"
AQUA = HEADER + (
    "W1245ER;Pompe de filtration 1 CV;Piscine;Filtration;u;412,00;690,00;20\n"
    "SK-88;Skimmer grande bouche;Piscine;Pièces à sceller;u;189,00;310,00;20\n"
    "LIN.75;Liner 75/100e bleu;Piscine;Liners;m²;18,50;32,00;20\n"
)


def write(tmp_path, name, content, encoding="cp1252"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def import_text(ctx, tmp_path, supplier, content, name="tarif.csv", **kwargs):
    supplier_id = catalogue.supplier_by_name(ctx, supplier)
    staged, _ = imports.import_file(ctx, supplier_id, path=write(tmp_path, name, content), **kwargs)
    return supplier_id, staged


def counts(ctx):
    with ctx.db.engine.connect() as conn:
        return (conn.execute(text("SELECT count(*) FROM catalogue_lines")).scalar(),
                conn.execute(text("SELECT count(*) FROM catalogue_fts_tri")).scalar(),
                conn.execute(text("SELECT count(*) FROM catalogue_imports")).scalar())


def test_a_reference_is_found_whatever_its_spelling(ctx, tmp_path):
    _, staged = import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    assert (staged.lines, staged.skipped, staged.diff.added) == (3, 0, 3)
    assert staged.diff.first_import
    for typed in ("w1245er", "W 1245-ER", "w.1245.er"):
        [match] = catalogue.find(ctx, typed)
        assert (match.supplier, match.ref, match.purchase_price) == (
            "Aqua Distribution", "W1245ER", Decimal("412"))
    assert catalogue.find(ctx, "sk 88")[0].sub_family == "Pièces à sceller"
    assert catalogue.find(ctx, "nothing") == []


def test_the_same_reference_in_two_catalogues(ctx, tmp_path):
    import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    import_text(ctx, tmp_path, "Piscines Pro", HEADER + "w-1245-er;Pompe 1 CV;;;u;399;;20\n",
                name="pro.csv")
    assert [(m.supplier, m.purchase_price) for m in catalogue.find(ctx, "W1245ER")] == [
        ("Aqua Distribution", Decimal("412")), ("Piscines Pro", Decimal("399"))]


def test_labels_are_searched_by_contains_without_accents(ctx, tmp_path):
    import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    assert [m.ref for m in catalogue.search_labels(ctx, "GRANDE bouc")] == ["SK-88"]
    assert [m.ref for m in catalogue.search_labels(ctx, "liner bleu")] == ["LIN.75"]
    assert catalogue.search_labels(ctx, "li") == []  # 3 characters at least
    hits = catalogue.catalogue_hits(ctx, "w1245", limit=10)
    assert [(h.kind, h.label) for h in hits] == [
        ("catalogue", "W1245ER — Pompe de filtration 1 CV")]
    assert "Aqua Distribution" in hits[0].detail and "412,00" in hits[0].detail


def test_a_bad_line_refuses_the_whole_file_unless_asked(ctx, tmp_path):
    bad = AQUA + "ZZ-1;Prix faux;Piscine;;u;douze;;20\n;Sans référence;;;u;1;;20\n"
    with pytest.raises(ValidationError) as caught:
        import_text(ctx, tmp_path, "Aqua Distribution", bad)
    message = error_text(caught.value)
    assert message.splitlines() == [
        "2 lignes en erreur : rien n'a été importé (l'option « ignorer les lignes en "
        "erreur » importe les autres).",
        "Ligne 5 : prix d'achat « douze » n'est pas un nombre.",
        "Ligne 6 : référence manquante."]
    assert counts(ctx) == (0, 0, 0)
    _, staged = import_text(ctx, tmp_path, "Aqua Distribution", bad, skip_bad=True)
    assert (staged.lines, staged.skipped) == (3, 2)
    assert [p.params["line"] for p in staged.problems] == [5, 6]


def test_mapping_is_remembered_per_supplier_by_column_name(ctx, tmp_path):
    supplier_id = catalogue.supplier_by_name(ctx, "Aqua Distribution")
    path = write(tmp_path, "a.csv", "Code;Nom;Net\nA1;Vanne;1,5\n")
    imports.import_file(ctx, supplier_id, path=path, columns={"ref": 0, "label": 1,
                                                         "purchase_price": 2})
    moved = write(tmp_path, "b.csv", "Net;Divers;Code;Nom\n2,5;x;A1;Vanne laiton\n")
    fmt, columns = imports.remembered(ctx, supplier_id, sniffed=parse.sniff(moved))
    assert columns == {"ref": 2, "label": 3, "purchase_price": 0}
    assert fmt.delimiter == ";"
    imports.import_file(ctx, supplier_id, path=moved)  # no mapping given: the remembered one
    [line] = catalogue.find(ctx, "a1")
    assert (line.label, line.purchase_price) == ("Vanne laiton", Decimal("2.5"))
    other = catalogue.supplier_by_name(ctx, "Autre")
    assert imports.remembered(ctx, other, sniffed=parse.sniff(moved)) is None


def test_inspecting_a_file_creates_no_supplier_and_offers_the_remembered_columns(ctx, tmp_path):
    path = write(tmp_path, "a.csv", AQUA)
    supplier_id, sniffed, remembered, guessed = imports.inspect_file(
        ctx, path, supplier="Aqua Distribution")
    assert supplier_id is None and remembered is None
    assert sniffed.headers[:2] == ["Référence", "Désignation"] and sniffed.format.delimiter == ";"
    assert (guessed["ref"], guessed["label"]) == (0, 1)
    with pytest.raises(NotFoundError):  # looking at a file and cancelling leaves no supplier
        catalogue.supplier_by_name(ctx, "Aqua Distribution", create=False)
    known = catalogue.supplier_by_name(ctx, "Aqua Distribution")
    imports.import_file(ctx, known, path=write(tmp_path, "b.csv", "Code;Nom;Net\nA1;Vanne;1,5\n"),
                        columns={"ref": 0, "label": 1, "purchase_price": 2})
    moved = write(tmp_path, "c.csv", "Net;Divers;Code;Nom\n2,5;x;A1;Vanne laiton\n")
    supplier_id, _sniffed, remembered, _guessed = imports.inspect_file(
        ctx, moved, supplier="Aqua Distribution")
    assert (supplier_id, remembered) == (known, {"ref": 2, "label": 3, "purchase_price": 0})
    with pytest.raises(ValidationError) as caught:
        imports.inspect_file(ctx, "", supplier="Aqua Distribution")
    assert error_text(caught.value) == "Choisissez le fichier du catalogue."


def test_reimport_shows_the_diff_before_applying(ctx, tmp_path):
    supplier_id, _ = import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    newer = HEADER + (
        "W1245ER;Pompe de filtration 1 CV;Piscine;Filtration;u;430,00;720,00;20\n"
        "SK-88;Skimmer grande bouche;Piscine;Pièces à sceller;u;179,00;300,00;20\n"
        "PAC-9;Pompe à chaleur 9 kW;Chauffage;;u;1 850,00;2 900,00;20\n")
    path = write(tmp_path, "2027.csv", newer)
    sniffed = parse.sniff(path)
    fmt, columns = imports.remembered(ctx, supplier_id, sniffed=sniffed)
    staged = imports.stage(ctx, supplier_id, path=path, fmt=fmt, columns=columns, headers=sniffed.headers)
    d = staged.diff
    assert (d.added, d.removed, d.price_up, d.price_down, d.unchanged) == (1, 1, 1, 1, 0)
    kinds = {(e.kind, e.ref, e.old_price, e.new_price) for e in d.examples}
    assert kinds == {("added", "PAC-9", None, Decimal("1850")),
                     ("removed", "LIN.75", Decimal("18.5"), None),
                     ("price_up", "W1245ER", Decimal("412"), Decimal("430")),
                     ("price_down", "SK-88", Decimal("189"), Decimal("179"))}
    # Staged, not applied: lookups still see the old catalogue.
    assert catalogue.find(ctx, "w1245er")[0].purchase_price == Decimal("412")
    assert catalogue.find(ctx, "pac9") == []
    imports.apply(ctx, staged.import_id)
    assert catalogue.find(ctx, "w1245er")[0].purchase_price == Decimal("430")
    assert catalogue.find(ctx, "lin75") == []
    assert [m.ref for m in catalogue.search_labels(ctx, "chaleur")] == ["PAC-9"]
    assert counts(ctx) == (3, 3, 2)  # the replaced lines are gone, the history stays
    assert [(h.state, h.added, h.removed) for h in imports.history(ctx)] == [
        ("active", 1, 1), ("replaced", 3, 0)]


def test_a_discarded_reimport_leaves_the_catalogue_as_it_was(ctx, tmp_path):
    supplier_id, _ = import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    path = write(tmp_path, "x.csv", HEADER + "NEW-1;Nouveau;;;u;1;;20\n")
    sniffed = parse.sniff(path)
    staged = imports.stage(ctx, supplier_id, path=path, fmt=sniffed.format, columns={"ref": 0, "label": 1})
    imports.discard(ctx, staged.import_id)
    assert counts(ctx) == (3, 3, 1)
    assert catalogue.find(ctx, "new1") == []


def test_a_big_file_cancelled_midway_leaves_nothing(ctx, tmp_path):
    supplier_id = catalogue.supplier_by_name(ctx, "Aqua Distribution")
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("ref;libelle;prix\n")
        for i in range(120_000):
            f.write(f"R-{i};Article numéro {i};{i % 500},25\n")
    sniffed = parse.sniff(path)
    seen = []

    def progress(done, total):
        seen.append(done)

    with pytest.raises(parse.Cancelled) as caught:
        imports.stage(ctx, supplier_id, path=path, fmt=sniffed.format, columns={"ref": 0, "label": 1},
                      progress=progress, cancelled=lambda: len(seen) > 30)
    assert error_text(caught.value) == "Import annulé : le catalogue n'a pas été modifié."
    assert 0 < seen[-1] < 900  # stopped in the middle of the reading
    assert counts(ctx) == (0, 0, 0)


def test_a_catalogue_line_becomes_an_article(ctx, tmp_path):
    import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    [line] = catalogue.find(ctx, "w1245er")
    article_id, changes = catalogue.import_article(
        ctx, line.id, take={"family", "sub_family", "purchase_price"})
    a = articles.get_article(ctx, article_id)
    assert (a.code, a.label, a.family, a.sub_family) == (
        "W1245ER", "Pompe de filtration 1 CV", "Piscine", "Filtration")
    assert (a.purchase_price, a.sale_price, a.supplier, a.supplier_ref) == (
        Decimal("412"), Decimal("690"), "Aqua Distribution", "W1245ER")
    assert a.to_classify and article_id in changes.articles
    # A second import into the same family finds it by name instead of doubling it.
    [skimmer] = catalogue.find(ctx, "sk88")
    second, _ = catalogue.import_article(ctx, skimmer.id, take={"family"})
    b = articles.get_article(ctx, second)
    assert (b.family_id, b.sub_family_id, b.purchase_price) == (a.family_id, None, None)
    assert [f.label for f in families.list_families(ctx)] == ["Piscine", "Filtration"]


def test_star_ref_in_the_search_box_lists_catalogue_lines(ctx, tmp_path):
    from extradesk.services import search

    import_text(ctx, tmp_path, "Aqua Distribution", AQUA)
    result = search.search(ctx, "*w 1245", mode="contains")
    assert [(h.kind, h.label) for h in result.hits] == [
        ("catalogue", "W1245ER — Pompe de filtration 1 CV")]


def no_supplier(ctx, name):
    with pytest.raises(NotFoundError):
        catalogue.supplier_by_name(ctx, name, create=False)
    return True


def test_a_new_supplier_is_created_only_by_an_import_that_succeeds(ctx, tmp_path, monkeypatch):
    bad = write(tmp_path, "bad.csv", AQUA + "ZZ-1;Prix faux;Piscine;;u;douze;;20\n")
    with pytest.raises(ValidationError):
        imports.import_file(ctx, None, supplier="Aqua Distribution", path=bad)
    assert no_supplier(ctx, "Aqua Distribution") and counts(ctx) == (0, 0, 0)
    empty = write(tmp_path, "empty.csv", HEADER)
    with pytest.raises(ValidationError):
        imports.import_file(ctx, None, supplier="Aqua Distribution", path=empty)
    assert no_supplier(ctx, "Aqua Distribution")

    def disk_full(*_args, **_kwargs):
        raise StorageError("storage.failed", detail="database or disk is full")

    good = write(tmp_path, "good.csv", AQUA)
    monkeypatch.setattr(imports.store, "publish", disk_full)
    with pytest.raises(StorageError):
        imports.import_file(ctx, None, supplier="Aqua Distribution", path=good)
    assert no_supplier(ctx, "Aqua Distribution") and counts(ctx) == (0, 0, 0)
    monkeypatch.undo()
    staged, _ = imports.import_file(ctx, None, supplier="Aqua Distribution", path=good)
    assert catalogue.supplier_by_name(ctx, "aqua distribution", create=False) == \
        staged.supplier_id
    assert (staged.lines, staged.encoding) == (3, "cp1252")
    with pytest.raises(ValidationError):  # a known supplier stays, of course
        imports.import_file(ctx, None, supplier="Aqua Distribution", path=bad)
    assert len(catalogue.find(ctx, "w1245er")) == 1
