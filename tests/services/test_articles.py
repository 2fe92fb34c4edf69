"""The article base through the services, against a real migrated SQLite database."""

from decimal import Decimal as D

import pytest

from db_read import read
from extradesk.core.errors import ConflictError, NotFoundError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import references, search
from extradesk.services.articles import accounts, families
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleFilter, ArticleInput
from extradesk.services.documents import article_lines, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import ClientInput


def dump(path):
    return (read(path, "SELECT * FROM articles ORDER BY id"),
            read(path, "SELECT * FROM article_notices ORDER BY 1, 2"))


def account(ctx, code):
    return next(a.id for a in accounts.list_accounts(ctx) if a.code == code)


@pytest.fixture
def tree(ctx):
    goods = account(ctx, "707000")
    pool, _ = families.add_family(ctx, "Piscine", account_id=goods, vat_rate="20")
    filtration, _ = families.add_family(ctx, "Filtration", parent_id=pool, vat_rate="5,5")
    works, _ = families.add_family(ctx, "Travaux", account_id=account(ctx, "704000"))
    return {"pool": pool, "filtration": filtration, "works": works, "goods": goods}


def test_an_article_created_on_the_fly_waits_on_707900(ctx):
    article_id, changes = articles.create_article(ctx, ArticleInput(
        code="W1245ER", label=" Pompe  filtration 1 CV ", purchase_price="412,5",
        margin="1,6", unit="u"))
    assert changes.articles == {article_id}
    a = articles.get_article(ctx, article_id)
    assert (a.label, a.purchase_price, a.sale_price, a.vat_rate) == (
        "Pompe filtration 1 CV", D("412.5"), D("660.00"), D("20"))
    assert a.account == "707900 Articles à classer" and a.to_classify
    assert a.price_updated_on == ctx.clock.now().date()
    assert articles.find_by_code(ctx, "w1245er").id == article_id
    assert articles.find_by_code(ctx, "w1245") is None
    assert articles.find_by_code(ctx, "") is None


def test_the_family_gives_its_vat_and_subfamily_implies_family(ctx, tree):
    article_id, _ = articles.create_article(ctx, ArticleInput(
        code="FIL-1", label="Filtre à sable", sale_price="390",
        sub_family_id=tree["filtration"], account_id=tree["goods"]))
    a = articles.get_article(ctx, article_id)
    assert (a.family, a.sub_family, a.vat_rate, a.account) == (
        "Piscine", "Filtration", D("5.5"), "707000 Ventes de marchandises")
    assert families.defaults(ctx, tree["pool"], sub_family_id=tree["filtration"]) == (tree["goods"], D("5.5"))
    assert families.defaults(ctx, tree["works"], sub_family_id=None)[0] == account(ctx, "704000")


def test_bad_input_is_refused_in_french_and_changes_nothing(ctx, db_path, tree):
    articles.create_article(ctx, ArticleInput(code="Liner-8x4", label="Liner 8×4"))
    before = dump(db_path)
    with pytest.raises(ConflictError) as caught:
        articles.create_article(ctx, ArticleInput(code="LINER-8X4", label="Autre"))
    assert error_text(caught.value) == (
        "Le code « LINER-8X4 » est déjà celui de l'article « Liner-8x4 » "
        "(les majuscules ne comptent pas).")
    with pytest.raises(ValidationError) as caught:
        articles.create_article(ctx, ArticleInput(
            code="txt_x", label="", purchase_price="-3", sale_price="douze", vat_rate="19,6",
            family_id=tree["works"], sub_family_id=tree["filtration"]))
    text = error_text(caught.value)
    assert "réservé aux lignes de texte" in text
    assert "Indiquez la désignation de l'article." in text
    assert "Prix d'achat HT : -3 est négatif" in text
    assert "Prix de vente HT : « douze » n'est pas un nombre." in text
    assert "TVA : 19,6 % n'est pas un taux en vigueur (20 %, 10 %, 5,5 %, 2,1 %, 0 %)." in text
    assert "Cette sous-famille n'appartient pas à la famille choisie." in text
    assert dump(db_path) == before


def test_list_filters_sorts_and_rows(ctx, tree):
    a, _ = articles.create_article(ctx, ArticleInput(code="B-2", label="Béton", sale_price="9",
                                                     family_id=tree["works"],
                                                     account_id=account(ctx, "704000")))
    b, _ = articles.create_article(ctx, ArticleInput(code="a-1", label="Zinc", sale_price="3"))
    c, _ = articles.create_article(ctx, ArticleInput(code="C-3", label="Ardoise",
                                                     sub_family_id=tree["filtration"]))
    articles.set_active(ctx, c, active=False)
    assert articles.article_ids(ctx) == [b, a]
    assert articles.article_ids(ctx, ArticleFilter(active=None), sort="label") == [c, a, b]
    assert articles.article_ids(ctx, ArticleFilter(to_classify=True)) == [b]
    assert articles.article_ids(ctx, ArticleFilter(family_id=tree["pool"], active=None)) == [c]
    assert articles.article_ids(ctx, sort="sale_price", descending=True) == [a, b]
    row = articles.article_rows(ctx, [a])[0]
    assert (row.code, row.family, row.account_code, row.to_classify) == (
        "B-2", "Travaux", "704000", False)


def test_first_page_counts_and_the_reference_filter(ctx):
    """A LIMIT first page is the head of the whole snapshot; the reference filter takes codes
    starting so (any case, accents folded) or that exact supplier reference."""
    ids = [articles.create_article(ctx, ArticleInput(code=f"W{i:02d}", label=f"Vanne {i}",
                                                     supplier_ref=f"Réf-{i}"))[0]
           for i in range(12)]
    other, _ = articles.create_article(ctx, ArticleInput(code="P-1", label="Pompe",
                                                         supplier_ref="w01-x"))
    assert articles.article_ids(ctx, limit=5) == articles.article_ids(ctx)[:5] == [other, *ids[:4]]
    by_ref = ArticleFilter(reference="w0")
    assert articles.article_ids(ctx, by_ref) == ids[:10]
    assert articles.count_articles(ctx, by_ref) == 10 and articles.count_articles(ctx) == 13
    assert articles.article_ids(ctx, ArticleFilter(reference=" W01-X ")) == [other]
    assert articles.article_ids(ctx, ArticleFilter(reference="réf-3")) == [ids[3]]
    assert articles.count_articles(ctx, ArticleFilter(reference="zz")) == 0


def test_bulk_classify_moves_articles_out_of_the_waiting_account(ctx, tree):
    ids = [articles.create_article(ctx, ArticleInput(code=f"X{i}", label=f"Article {i}"))[0]
           for i in range(3)]
    changes = articles.bulk_classify(ctx, ids[:2], family_id=tree["pool"], sub_family_id=tree["filtration"],
                                     account_id=tree["goods"])
    assert changes.articles == set(ids[:2])
    assert articles.article_ids(ctx, ArticleFilter(to_classify=True)) == [ids[2]]
    a = articles.get_article(ctx, ids[0])
    assert (a.family, a.sub_family, a.account) == ("Piscine", "Filtration",
                                                   "707000 Ventes de marchandises")
    with pytest.raises(ValidationError):
        articles.bulk_classify(ctx, ids, family_id=tree["works"], sub_family_id=tree["filtration"], account_id=None)
    assert articles.get_article(ctx, ids[2]).to_classify
    with pytest.raises(NotFoundError):
        articles.bulk_classify(ctx, [ids[2], 999], family_id=tree["works"], sub_family_id=None, account_id=None)
    assert articles.get_article(ctx, ids[2]).family == ""


def test_waiting_account_is_configurable(ctx):
    other = account(ctx, "706000")
    accounts.set_waiting(ctx, other)
    article_id, _ = articles.create_article(ctx, ArticleInput(code="P1", label="Pose"))
    assert articles.get_article(ctx, article_id).account == "706000 Prestations de services"
    assert [a.code for a in accounts.list_accounts(ctx) if a.waiting] == ["706000"]


def test_a_used_article_is_deactivated_an_unused_one_deleted(ctx):
    from extradesk.services.clients import records as clients

    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Dupont"))
    used, _ = articles.create_article(ctx, ArticleInput(code="PAC-9", label="PAC",
                                                        sale_price="3200", vat_rate="5,5"))
    spare, _ = articles.create_article(ctx, ArticleInput(code="SPARE", label="Rien"))
    quote, _ = documents.create_quote(ctx, client_id)
    line_id, _ = lines.add_line(ctx, quote, data=article_lines.line_input(ctx, used))
    line = documents.get_document(ctx, quote).lines[0]
    assert (line.code, line.label, line.unit_price, line.vat_rate, line.quantity) == (
        "PAC-9", "PAC", D("3200"), D("5.5"), D("1"))
    assert articles.remove_article(ctx, used)[0] is False
    assert articles.get_article(ctx, used).active is False
    assert articles.remove_article(ctx, spare)[0] is True
    with pytest.raises(NotFoundError):
        articles.get_article(ctx, spare)


def test_star_ref_search_finds_codes_labels_and_supplier_refs(ctx):
    supplier, _ = references.add_item(ctx, "supplier", label="Aqua Distribution")
    a, _ = articles.create_article(ctx, ArticleInput(code="W1245ER", label="Pompe Hélios",
                                                     supplier_id=supplier.id,
                                                     supplier_ref="AQ-778", sale_price="5"))
    b, _ = articles.create_article(ctx, ArticleInput(code="XW12", label="Vanne 6 voies"))
    assert [h.id for h in search.search(ctx, "*w12", mode="contains").hits] == [a, b]
    assert [h.id for h in search.search(ctx, "*W12", mode="starts_with").hits] == [a]
    assert [h.id for h in search.search(ctx, "*helios").hits] == [a]
    assert [h.id for h in search.search(ctx, "*aq-778").hits] == [a]
    assert [h.id for h in search.search(ctx, "*voi", mode="starts_with").hits] == [b]
    hit = search.search(ctx, "*w1245").hits[0]
    assert (hit.kind, hit.label) == ("article", "W1245ER — Pompe Hélios")
    assert "5,00" in hit.detail and "à classer" in hit.detail
    articles.update_article(ctx, a, data=ArticleInput(code="W1245ER", label="Pompe Zodiac"))
    assert search.search(ctx, "*helios").hits == []
    assert search.search(ctx, "*").hits == []


def test_supplier_merge_carries_the_articles(ctx):
    from extradesk.services.articles.dto import SupplierInput
    from extradesk.services.catalogues import suppliers

    keep, _ = suppliers.save_supplier(ctx, None, data=SupplierInput(
        label="Aqua Distribution", contact="M. Roux", email="PRO@aqua.example",
        customer_number="C-4512"))
    dup, _ = suppliers.save_supplier(ctx, None, data=SupplierInput(label="AQUA DISTRIB."))
    article_id, _ = articles.create_article(ctx, ArticleInput(code="Q1", label="Q",
                                                              supplier_id=dup))
    references.merge_items(ctx, "supplier", keep_id=keep, duplicate_ids=[dup])
    assert articles.get_article(ctx, article_id).supplier == "Aqua Distribution"
    assert suppliers.get_supplier(ctx, keep).email == "pro@aqua.example"
    with pytest.raises(ValidationError) as caught:
        suppliers.save_supplier(ctx, keep, data=SupplierInput(label="Aqua", email="pas un mail"))
    assert "n'est pas une adresse e-mail valide" in error_text(caught.value)
    assert suppliers.get_supplier(ctx, keep).label == "Aqua Distribution"


@pytest.mark.parametrize("mode", ["contains", "starts_with"])
def test_star_ref_search_ignores_dashes_dots_and_case_in_codes(ctx, mode):
    """Defect 8: `*POE08` and `*poe08` found no POE-08 while catalogue refs were normalised."""
    poe, _ = articles.create_article(ctx, ArticleInput(code="POE-08", label="Poêle 8 kW",
                                                       supplier_ref="GR.45-12"))
    other, _ = articles.create_article(ctx, ArticleInput(code="POE-09", label="Poêle 9 kW"))
    for typed in ("*POE08", "*poe08", "*poe-08", "*Poe.08", "*gr4512"):
        assert [h.id for h in search.search(ctx, typed, mode=mode).hits] == [poe], typed
    assert [h.id for h in search.search(ctx, "*poe0", mode=mode).hits] == [poe, other]
