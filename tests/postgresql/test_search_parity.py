"""The search box gives the same answers on SQLite (FTS5) and PostgreSQL (pg_trgm) for the
same data: clients, `**name`, document numbers, `*ref` (articles, catalogue lines)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extradesk.core.clock import FixedClock
from extradesk.services import search, users
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import ClientInput

PEOPLE = [
    ClientInput(last_name="Dupont", first_name="Hélène", billing_city="Lyon",
                billing_postal_code="69003", phone_mobile="06 12 34 56 78",
                email="helene.dupont@gmail.com"),
    ClientInput(last_name="Dupré", first_name="Marc", billing_city="Nantes",
                billing_postal_code="44000"),
    ClientInput(company="Piscines du Lac", last_name="Martin", billing_city="Annecy",
                billing_postal_code="74000", phone_work="04 50 11 22 33"),
    ClientInput(last_name="Noël", first_name="Françoise", billing_city="Saint-Étienne",
                billing_postal_code="42000", email="f.noel@orange.fr"),
    ClientInput(last_name="Œuvre", first_name="Cœur", billing_city="L’Haÿ-les-Roses",
                billing_postal_code="94240"),
    ClientInput(last_name="Martinez", first_name="Luc", company="Jardins Martinez & Fils",
                billing_city="Nîmes", billing_postal_code="30000", email="luc_m@free.fr"),
    ClientInput(last_name="Lacroix", first_name="Anne", billing_city="Lyon",
                billing_postal_code="69007", phone_home="04 78 00 11 22"),
]
CATALOGUE = (
    "Référence;Désignation;Famille;Sous-famille;Unité;Prix achat HT;Prix public HT;TVA\n"
    "W1245ER;Pompe de filtration 1 CV;Piscine;Filtration;u;412,00;690,00;20\n"
    "SK-88;Skimmer grande bouche;Piscine;Pièces à sceller;u;189,00;310,00;20\n"
    "LIN.75;Liner 75/100e bleu;Piscine;Liners;m²;18,50;32,00;20\n"
    "POE-08;Poêle à granulés Œlia 8 kW;Chauffage;Poêles;u;1890,00;2990,00;20\n"
)
QUERIES = [
    "helene", "HÉLÈNE", "dup", "du", "pont", "lac", "isc", "martin", "mart", "tin", "m",
    "0612", "06 12 34", "3456", "+33 4 50", "gmail", "f.noel@", "74000", "annecy", "lyon",
    "dupont lyon", "dupont l", "helene dupont", "saint-etienne", "oeuvre", "coeur", "hay",
    "l'hay", "luc_m", "100%", "zzqx", "a", "ly", "fils &", "e", "nimes", "martinez j",
    "**dupont", "**lyon", "**martin", "f-2026-1", "D-2026-00002", "**d-2026-1",
    "*w12", "*W12", "*helios", "*aq-778", "*voi", "*w1245", "*poe08", "*poe-08", "*bouche",
    "*liner bleu", "*oelia", "*sk 88", "*gran", "*1 cv", "*x",
]


def _fill(ctx, tmp_path) -> None:
    ctx.user_id = users.ensure_a_user(ctx)
    ids = [clients.create_client(ctx, person)[0] for person in PEOPLE]
    for client_id in (ids[0], ids[0], ids[2], ids[6]):
        documents.create_quote(ctx, client_id)
    articles.create_article(ctx, ArticleInput(code="W1245ER", label="Pompe Hélios",
                                              supplier_ref="AQ-778", sale_price="5"))
    articles.create_article(ctx, ArticleInput(code="XW12", label="Vanne 6 voies"))
    articles.create_article(ctx, ArticleInput(code="POE-08", label="Poêle Œlia 8"))
    path = tmp_path / "tarif.csv"
    path.write_bytes(CATALOGUE.encode("cp1252"))
    imports.import_file(ctx, catalogue.supplier_by_name(ctx, "Aqua Distribution"), path=path)


def _answers(ctx) -> dict:
    return {(q, mode): [(h.kind, h.id, h.label, h.detail)
                        for h in search.search(ctx, q, mode=mode, limit=20).hits]
            for q in QUERIES for mode in ("contains", "starts_with")}


@pytest.fixture(scope="module")
def sqlite_answers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite")
    ctx, _ = open_context(folder / "parity.sqlite3",
                          clock=FixedClock(datetime(2026, 11, 28, 9, tzinfo=UTC)))
    try:
        _fill(ctx, folder)
        return _answers(ctx)
    finally:
        ctx.db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def answers(request, tmp_path, sqlite_answers):
    if request.param == "sqlite":
        return sqlite_answers
    url = request.getfixturevalue("pg_url")
    ctx, _ = open_context(url, clock=FixedClock(datetime(2026, 11, 28, 9, tzinfo=UTC)))
    try:
        _fill(ctx, tmp_path)
        return _answers(ctx)
    finally:
        ctx.db.dispose()


def test_the_search_cases_answer_as_expected_on_each_backend(answers):
    """A few answers checked by hand on each backend (these could differ from both)."""
    def labels(q, mode="contains"):
        return [a[2] for a in answers[(q, mode)]]

    assert labels("helene") == ["DUPONT Hélène"]
    assert labels("pont") == ["DUPONT Hélène"] and labels("pont", "starts_with") == []
    assert labels("coeur") == ["ŒUVRE Cœur"]
    assert labels("l'hay") == ["ŒUVRE Cœur"]
    assert labels("dupont l") == ["DUPONT Hélène"]
    assert [a[0] for a in answers[("**dupont", "contains")]] == ["document", "document"]
    assert labels("*poe08")[0].startswith("POE-08")
    assert any(label.startswith("W1245ER — Pompe de filtration") for label in labels("*w1245"))
    assert labels("*bouche") == ["SK-88 — Skimmer grande bouche"]
    assert labels("zzqx") == []


def test_postgresql_answers_every_case_as_sqlite_does(answers, sqlite_answers):
    differing = {key: (answers[key], sqlite_answers[key]) for key in sqlite_answers
                 if answers[key] != sqlite_answers[key]}
    assert differing == {}, "\n".join(f"{k}: pg {v[0]} sqlite {v[1]}" for k, v in differing.items())
    assert sum(1 for hits in sqlite_answers.values() if hits) > len(QUERIES)  # not all empty
