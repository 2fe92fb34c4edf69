"""Search as the user types: accents, case, phones, e-mails, modes and hostile input."""


import pytest

from db_read import read
from extradesk.core.errors import ValidationError
from extradesk.services import preferences, search
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput


@pytest.fixture
def people(ctx):
    made = {}
    for key, data in {
        "helene": ClientInput(last_name="Dupont", first_name="Hélène", billing_city="Lyon",
                              billing_postal_code="69003", phone_mobile="06 12 34 56 78",
                              email="helene.dupont@gmail.com"),
        "dupre": ClientInput(last_name="Dupré", first_name="Marc", billing_city="Nantes",
                             billing_postal_code="44000"),
        "lac": ClientInput(company="Piscines du Lac", last_name="Martin",
                           billing_city="Annecy", billing_postal_code="74000",
                           phone_work="04 50 11 22 33"),
        "noel": ClientInput(last_name="Noël", first_name="Françoise",
                            billing_city="Saint-Étienne", billing_postal_code="42000",
                            email="f.noel@orange.fr"),
    }.items():
        made[key] = clients.create_client(ctx, data)[0]
    return made


def ids(ctx, text, mode="contains"):
    return [h.id for h in search.search(ctx, text, mode=mode).hits]


def test_accents_and_case_do_not_matter(ctx, people):
    assert ids(ctx, "helene") == [people["helene"]]
    assert ids(ctx, "HÉLÈNE") == [people["helene"]]
    assert ids(ctx, "noel") == [people["noel"]]
    assert ids(ctx, "saint-etienne") == [people["noel"]]
    assert set(ids(ctx, "dupre")) == {people["dupre"]}


def test_names_starting_with_the_query_come_first_alphabetically(ctx, people):
    assert ids(ctx, "dup") == [people["helene"], people["dupre"]]
    # "du" also matches "Piscines du Lac" by word, after the names that start with it.
    assert ids(ctx, "du") == [people["helene"], people["dupre"], people["lac"]]


def test_contains_versus_starts_with(ctx, people):
    assert ids(ctx, "pont", mode="contains") == [people["helene"]]
    assert ids(ctx, "pont", mode="starts_with") == []
    assert ids(ctx, "lac", mode="starts_with") == [people["lac"]]
    assert ids(ctx, "isc", mode="contains") == [people["lac"]]


def test_mode_comes_from_the_user_preference(ctx, people):
    assert ids(ctx, "pont", mode=None) == [people["helene"]]
    preferences.set_value(ctx, preferences.SEARCH_MODE.key, value="starts_with")
    assert search.search(ctx, "pont").hits == []


def test_phone_fragments_emails_postal_codes_and_cities(ctx, people):
    assert ids(ctx, "0612") == [people["helene"]]
    assert ids(ctx, "06 12 34") == [people["helene"]]
    assert ids(ctx, "3456") == [people["helene"]]
    assert ids(ctx, "+33 4 50") == [people["lac"]]
    assert ids(ctx, "gmail") == [people["helene"]]
    assert ids(ctx, "f.noel@") == [people["noel"]]
    assert ids(ctx, "74000") == [people["lac"]]
    assert ids(ctx, "annecy") == [people["lac"]]
    assert ids(ctx, "dupont lyon") == [people["helene"]]
    assert ids(ctx, "dupont l") == [people["helene"]]
    assert ids(ctx, "zzqx") == []


@pytest.mark.parametrize(
    "hostile", ['"', '""', "*", "NEAR(", "NEAR(a b", "'; drop table clients; --", "a OR b",
                "col:val", "^", "(", ")", "-", "%", "_", "\\", "x" * 10_000, "   "],
)
def test_fts_and_sql_syntax_is_just_text(ctx, people, db_path, hostile):
    before = read(db_path, "SELECT count(*) FROM clients")
    result = search.search(ctx, hostile)
    assert result.scope == ("articles" if hostile == "*" else "clients")
    assert all(h.kind == "client" for h in result.hits)
    assert read(db_path, "SELECT count(*) FROM clients") == before


def test_scopes_and_json(ctx, people):
    assert search.search(ctx, "**dupont").scope == "documents"
    assert search.search(ctx, "*ref").scope == "articles"
    hit = search.search(ctx, "helene").hits[0]
    assert hit.as_json() == {"kind": "client", "id": people["helene"], "label": "DUPONT Hélène",
                             "detail": "69003 Lyon · 06 12 34 56 78 · helene.dupont@gmail.com"}


def test_index_follows_edits_and_limit_is_checked(ctx, people):
    data = clients.get_client(ctx, people["dupre"]).data
    data.last_name = "Leroy"
    clients.update_client(ctx, people["dupre"], data=data)
    assert ids(ctx, "dupre") == []
    assert ids(ctx, "leroy") == [people["dupre"]]
    with pytest.raises(ValidationError):
        search.search(ctx, "x", limit=0)
    assert len(search.search(ctx, "a", limit=1).hits) == 1


def test_archived_clients_are_found_and_marked(ctx, people):
    clients.set_archived(ctx, people["noel"], archived=True)
    [hit] = search.search(ctx, "noel").hits
    assert hit.detail.endswith("archivé")


def test_double_star_lists_documents_of_matching_clients_and_numbers_are_found(ctx, people):
    from extradesk.services.documents import drafts as documents

    quote, _ = documents.create_quote(ctx, people["helene"])
    other, _ = documents.create_quote(ctx, people["lac"])
    number = documents.get_document(ctx, quote).number
    result = search.search(ctx, "**dupont")
    assert result.scope == "documents"
    assert [(h.kind, h.id, h.number) for h in result.hits] == [("document", quote, number)]
    assert search.search(ctx, "**zzqx").hits == []
    # A number typed in the plain box finds that document first, lower case and short.
    typed = number.lower().replace("-0000", "-")
    assert search.search(ctx, typed).hits[0].id == quote
    assert other not in [h.id for h in search.search(ctx, "**dupont").hits]
