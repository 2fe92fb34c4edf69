"""Notices stored by content hash, article CSV files, and the 0005 schema fixture."""

import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from extradesk.core.errors import StorageError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.articles import csv_io as articles_csv
from extradesk.services.articles import edit as articles
from extradesk.services.articles import notices
from extradesk.services.articles.dto import ArticleFilter, ArticleInput
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.documents import article_lines, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import ClientInput

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"


def test_same_file_twice_is_stored_once_and_goes_with_its_last_article(ctx, tmp_path):
    a, _ = articles.create_article(ctx, ArticleInput(code="POELE-7", label="Poêle 7 kW"))
    b, _ = articles.create_article(ctx, ArticleInput(code="POELE-9", label="Poêle 9 kW"))
    pdf = tmp_path / "notice poêle.pdf"
    pdf.write_bytes(b"%PDF-1.4 notice de montage")
    copy = tmp_path / "copie.pdf"
    shutil.copy(pdf, copy)
    first, changes = notices.attach(ctx, a, source=pdf)
    assert changes.articles == {a} and first.name == "notice poêle.pdf"
    again, changes = notices.attach(ctx, a, source=copy)
    assert changes.empty and again.attachment_id == first.attachment_id
    notices.attach(ctx, b, source=copy)
    stored = notices.stored_path(ctx, first.sha256)
    assert stored.read_bytes() == pdf.read_bytes()
    assert [p for p in notices.store_dir(ctx).rglob("*") if p.is_file()] == [stored]
    assert articles.get_article(ctx, a).notice_count == 1
    opened = notices.open_path(ctx, a, attachment_id=first.attachment_id)
    assert opened.name == "notice poêle.pdf" and opened.read_bytes() == pdf.read_bytes()
    notices.detach(ctx, a, attachment_id=first.attachment_id)
    assert stored.exists() and notices.list_notices(ctx, a) == []
    notices.detach(ctx, b, attachment_id=first.attachment_id)
    assert not stored.exists()


def stored_files(ctx) -> set[str]:
    return {p.name for p in notices.store_dir(ctx).rglob("*")
            if p.is_file() and "ouvertes" not in p.parts}


def test_deleting_an_article_removes_only_the_files_no_other_article_uses(ctx, tmp_path):
    """A shared notice stays with the article that still has it; the article's own notice
    goes, with the copy handed to the viewer; a used article (deactivated) keeps its own."""
    kept, _ = articles.create_article(ctx, ArticleInput(code="POELE-7", label="Poêle 7 kW"))
    gone, _ = articles.create_article(ctx, ArticleInput(code="POELE-9", label="Poêle 9 kW"))
    shared, own = tmp_path / "montage.pdf", tmp_path / "garantie.pdf"
    shared.write_bytes(b"%PDF-1.4 notice de montage")
    own.write_bytes(b"%PDF-1.4 garantie 9 kW")
    both = notices.attach(ctx, kept, source=shared)[0]
    notices.attach(ctx, gone, source=tmp_path / "montage.pdf", name="Montage (copie).pdf")
    alone = notices.attach(ctx, gone, source=own)[0]
    viewed = notices.open_path(ctx, gone, attachment_id=alone.attachment_id)
    assert stored_files(ctx) == {both.sha256, alone.sha256}

    deleted, _ = articles.remove_article(ctx, gone)
    assert deleted
    assert stored_files(ctx) == {both.sha256} and not viewed.exists()
    assert [n.name for n in notices.list_notices(ctx, kept)] == ["montage.pdf"]
    assert notices.open_path(ctx, kept, attachment_id=both.attachment_id).read_bytes() == shared.read_bytes()

    # Deactivated, not deleted: an article on a quote keeps its notice and its file.
    client, _ = clients.create_client(ctx, ClientInput(last_name="Dupont"))
    quote, _ = documents.create_quote(ctx, client)
    lines.add_line(ctx, quote, data=article_lines.line_input(ctx, kept))
    deleted, _ = articles.remove_article(ctx, kept)
    assert not deleted and stored_files(ctx) == {both.sha256}
    assert notices.list_notices(ctx, kept) != []


def test_a_file_attached_again_after_its_last_link_went_is_stored_again(ctx, tmp_path):
    a, _ = articles.create_article(ctx, ArticleInput(code="SK-1", label="Skimmer"))
    pdf = tmp_path / "skimmer.pdf"
    pdf.write_bytes(b"%PDF-1.4 skimmer")
    first = notices.attach(ctx, a, source=pdf)[0]
    notices.detach(ctx, a, attachment_id=first.attachment_id)
    assert stored_files(ctx) == set()
    again = notices.attach(ctx, a, source=pdf)[0]
    assert stored_files(ctx) == {again.sha256} == {first.sha256}
    # A leftover hash with a row naming it is never deleted (an attach got there first).
    notices.forget_files(ctx, [again.sha256])
    assert notices.stored_path(ctx, again.sha256).is_file()
    assert not list(notices.store_dir(ctx).glob(".in-*"))  # no temporary copy left behind


def test_a_notice_that_is_not_a_readable_file_is_refused(ctx, tmp_path):
    a, _ = articles.create_article(ctx, ArticleInput(code="K1", label="Kit"))
    for bad in (tmp_path / "absent.pdf", tmp_path):
        with pytest.raises(ValidationError) as caught:
            notices.attach(ctx, a, source=bad)
        assert error_text(caught.value) == (
            f"Le fichier « {bad} » n'est pas un fichier lisible : aucune notice n'a été "
            "ajoutée.")
    assert notices.list_notices(ctx, a) == []
    assert not notices.store_dir(ctx).exists()


def test_files_for_document_gathers_the_notices_of_its_articles(ctx, tmp_path):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Martin"))
    a, _ = articles.create_article(ctx, ArticleInput(code="PAC-1", label="PAC", sale_price="1"))
    b, _ = articles.create_article(ctx, ArticleInput(code="PAC-2", label="PAC 2"))
    for name, article in (("pac.pdf", a), ("schema.png", a), ("autre.pdf", b)):
        (tmp_path / name).write_bytes(name.encode())
        notices.attach(ctx, article, source=tmp_path / name)
    quote, _ = documents.create_quote(ctx, client_id)
    lines.add_line(ctx, quote, data=article_lines.line_input(ctx, a))
    lines.add_line(ctx, quote, data=lines.LineInput(code="pac-1", label="again, typed in lower"))
    files = notices.files_for_document(ctx, quote)
    assert [(f.name, f.article_code) for f in files] == [("pac.pdf", "PAC-1"),
                                                         ("schema.png", "PAC-1")]
    assert all(f.path.is_file() for f in files)


def test_csv_round_trip_french_excel(ctx, tmp_path):
    articles.create_article(ctx, ArticleInput(code="W1", label="Pompe « éco »; 1 CV",
                                              purchase_price="412,5", margin="1,6"))
    target = tmp_path / "articles.csv"
    assert articles_csv.export_articles(ctx, target) == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcode;d\xc3\xa9signation;")
    body = raw.decode("utf-8-sig").splitlines()[1]
    assert body.startswith('W1;"Pompe « éco »; 1 CV";;;412,5;660;1,6;20;;;707900;;;oui;')
    edited = raw.decode("utf-8-sig").replace("412,5;660;1,6", "400;700;")
    edited += "NEW-1;Vanne;;u;;12,5;;10;Piscine;Filtration;707000;Aqua;AQ-1;oui;\r\n"
    target.write_text(edited, encoding="cp1252")  # saved by an old Excel
    report = articles_csv.import_articles(ctx, target)
    assert (report.created, report.updated, report.problems) == (1, 1, ())
    new = articles.find_by_code(ctx, "new-1")
    assert (new.family, new.sub_family, new.supplier, new.sale_price, new.vat_rate) == (
        "Piscine", "Filtration", "Aqua", D("12.5"), D("10"))
    assert articles.find_by_code(ctx, "w1").sale_price == D("700")


@pytest.mark.sqlite_only
def test_csv_import_is_all_or_nothing_with_line_numbers(ctx, db_path, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(
        "code;désignation;prix de vente HT;TVA;compte\n"
        "OK-1;Bon;10;20;\n"
        "\n"
        "BAD-1;;-5;19,6;\n"
        "ok-1;Doublon;1;20;999999\n", encoding="utf-8")
    with sqlite3.connect(db_path) as conn:
        before = conn.execute("SELECT count(*) FROM articles").fetchone()
    report = articles_csv.import_articles(ctx, source)
    assert report.created == 0 and report.problems == (
        "Ligne 4 : Indiquez la désignation de l'article.",
        "Ligne 4 : Prix de vente HT : -5 est négatif ; saisissez une valeur positive ou nulle.",
        "Ligne 4 : TVA : 19,6 % n'est pas un taux en vigueur (20 %, 10 %, 5,5 %, 2,1 %, 0 %).",
        "Ligne 5 : compte comptable « 999999 » inconnu",
        "Ligne 5 : le code « ok-1 » figure déjà ligne 2",
    )
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == before
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(StorageError) as caught:
        articles_csv.import_articles(ctx, tmp_path / "empty.csv")
    assert "est vide" in error_text(caught.value)
    (tmp_path / "x.csv").write_text("nom;prénom\nDupont;Jean\n", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        articles_csv.import_articles(ctx, tmp_path / "x.csv")
    assert "pas de colonne « code »" in error_text(caught.value)


def test_the_0005_fixture_keeps_its_article_after_upgrades(tmp_path):
    path = tmp_path / "client.sqlite3"
    shutil.copy(SCHEMAS / "0005.sqlite3", path)
    ctx, _ = open_context(path)
    a = articles.find_by_code(ctx, "w1245ER")
    assert (a.label, a.family, a.sub_family, a.supplier, a.sale_price, a.account) == (
        "Pompe de filtration 1 CV", "Piscine", "Filtration", "Aqua Distribution", D("690"),
        "707000 Ventes de marchandises")
    assert articles.article_ids(ctx, ArticleFilter(to_classify=True)) == []
    assert [h.id for h in articles.article_hits(ctx, "filtration")] == [a.id]
    ctx.db.dispose()


def test_an_old_database_gains_the_seeded_accounts(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(SCHEMAS / "0004.sqlite3", path)
    ctx, report = open_context(path)
    assert report.before == "0004"
    article_id, _ = articles.create_article(ctx, ArticleInput(code="A", label="A"))
    assert articles.get_article(ctx, article_id).account == "707900 Articles à classer"
    ctx.db.dispose()
