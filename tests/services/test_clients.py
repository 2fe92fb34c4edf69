"""Client records through the services, against a real migrated SQLite database."""


import pytest

from db_read import read
from extradesk.core.errors import NotFoundError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import search
from extradesk.services.clients import ouvrages
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput, OuvrageInput


def table_dump(path):
    return read(path, "SELECT * FROM clients ORDER BY id")


def test_create_normalises_phones_and_emails(ctx):
    client_id, changes = clients.create_client(ctx, ClientInput(
        last_name="  d'Aubigné ", first_name="Hélène", billing_postal_code="69003",
        billing_city="Lyon", phone_mobile="06 12 34 56 78", phone_home="04.78.12.34.56",
        email=" Helene.DAubigne@Orange.FR ",
    ))
    assert changes.clients == {client_id}
    detail = clients.get_client(ctx, client_id)
    assert detail.name == "D'AUBIGNÉ Hélène"
    assert detail.data.last_name == "d'Aubigné"
    assert detail.data.phone_mobile == "+33612345678"
    assert detail.data.phone_home == "+33478123456"
    assert detail.data.email == "helene.daubigne@orange.fr"
    assert detail.created_at == ctx.clock.now()


def test_bad_input_lists_every_problem_in_french_and_saves_nothing(ctx, db_path):
    before = table_dump(db_path)
    with pytest.raises(ValidationError) as caught:
        clients.create_client(ctx, ClientInput(
            last_name="", company=None, email="pas-une-adresse", phone_mobile="12",
            billing_postal_code="ABCDE", notes="x" * 30_000, billing_city="V" * 10_000,
        ))
    problems = {p.message_id for p in caught.value.problems}
    assert problems == {"client.name_required", "email.invalid", "phone.invalid",
                        "postal_code.invalid", "field.too_long"}
    message = error_text(caught.value)
    assert "Indiquez un nom ou une raison sociale." in message
    assert "« pas-une-adresse » n'est pas une adresse e-mail valide" in message
    assert "« 12 » n'est pas un numéro de téléphone reconnu" in message
    assert "Ville : 10000 caractères, 200 au maximum." in message
    assert table_dump(db_path) == before


def test_company_alone_is_a_valid_name_and_sorts_by_company(ctx):
    a, _ = clients.create_client(ctx, ClientInput(company="Zinguerie Moreau"))
    b, _ = clients.create_client(ctx, ClientInput(last_name="Étienne", first_name="Paul"))
    c, _ = clients.create_client(ctx, ClientInput(last_name="Martin"))
    assert clients.client_ids(ctx) == [b, c, a]  # É sorts as E
    assert clients.client_ids(ctx, descending=True) == [a, c, b]


def test_update_archive_and_list_rows(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Petit"))
    data = clients.get_client(ctx, client_id).data
    data.billing_city = "Brest"
    data.billing_postal_code = "29200"
    clients.update_client(ctx, client_id, data=data)
    [row] = clients.client_rows(ctx, [client_id])
    assert (row.name, row.city, row.postal_code) == ("PETIT", "Brest", "29200")
    clients.set_archived(ctx, client_id, archived=True)
    assert clients.client_ids(ctx) == []
    assert clients.client_ids(ctx, include_archived=True) == [client_id]
    with pytest.raises(NotFoundError):
        clients.update_client(ctx, 999, data=data)


def test_site_address_is_dropped_when_same_as_billing(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name="Roux", site_same_as_billing=True, site_city="Ailleurs"))
    assert clients.get_client(ctx, client_id).data.site_city is None
    other, _ = clients.create_client(ctx, ClientInput(
        last_name="Roux", site_same_as_billing=False, site_city="Arcachon",
        site_postal_code="33120"))
    assert clients.get_client(ctx, other).data.site_city == "Arcachon"


def test_likely_duplicates_by_phone_email_and_close_name(ctx):
    first, _ = clients.create_client(ctx, ClientInput(
        last_name="Lefèvre", first_name="Jérôme", billing_postal_code="35000",
        phone_mobile="0611223344", email="jerome@free.fr"))
    by_phone = clients.likely_duplicates(ctx, ClientInput(phone_home="+33 6 11 22 33 44"))
    assert [(d.client_id, d.reason) for d in by_phone] == [(first, "duplicate.phone")]
    by_email = clients.likely_duplicates(ctx, ClientInput(email="JEROME@free.fr"))
    assert [(d.client_id, d.reason) for d in by_email] == [(first, "duplicate.email")]
    by_name = clients.likely_duplicates(ctx, ClientInput(
        last_name="Lefevre", first_name="Jerome", billing_postal_code="35000"))
    assert [(d.client_id, d.reason) for d in by_name] == [(first, "duplicate.name")]
    elsewhere = clients.likely_duplicates(ctx, ClientInput(
        last_name="Lefevre", first_name="Jerome", billing_postal_code="13001"))
    assert elsewhere == []
    assert clients.likely_duplicates(
        ctx, ClientInput(phone_mobile="0611223344"), exclude_id=first) == []


def test_ouvrages_are_added_renamed_and_listed_with_the_client(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Garnier"))
    pool, _ = ouvrages.add_ouvrage(ctx, client_id, data=OuvrageInput(name="Piscine", type_id=1))
    stove, _ = ouvrages.add_ouvrage(ctx, client_id, data=OuvrageInput(name="Poêle", type_id=2))
    changes = ouvrages.rename_ouvrage(ctx, pool, name="  Piscine   du haut ")
    assert changes.clients == {client_id} and changes.ouvrages == {pool}
    listed = clients.get_client(ctx, client_id).ouvrages
    assert [(o.id, o.name, o.type_label) for o in listed] == [
        (pool, "Piscine du haut", "Piscine"), (stove, "Poêle", "Poêle à granulés")]
    with pytest.raises(ValidationError):
        ouvrages.rename_ouvrage(ctx, pool, name="   ")
    with pytest.raises(NotFoundError):
        ouvrages.add_ouvrage(ctx, 999, data=OuvrageInput(name="X"))
    ouvrages.delete_ouvrage(ctx, stove)
    assert [o.id for o in clients.get_client(ctx, client_id).ouvrages] == [pool]


def test_nul_and_control_characters_never_reach_a_client_record(ctx):
    """Pasted or imported text: NUL and control characters stripped from every field; the
    notes keep their line breaks."""
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name="Du\x00pont\x1b", first_name="Jean\x07", company="\x00",
        billing_line1="12 rue\x0b des\x00 Lilas", billing_postal_code="69\x00003",
        billing_city="Ly\x9bon", phone_mobile="06 12\x00 34 56 78",
        email="jean\x00.dupont@example.fr", notes="Portail\x00 bleu\r\nChien\x1b\tgentil\n"))
    data = clients.get_client(ctx, client_id).data
    assert (data.last_name, data.first_name, data.company) == ("Dupont", "Jean", None)
    assert (data.billing_line1, data.billing_postal_code, data.billing_city) == (
        "12 rue des Lilas", "69003", "Lyon")
    assert (data.phone_mobile, data.email) == ("+33612345678", "jean.dupont@example.fr")
    assert data.notes == "Portail bleu\r\nChien\tgentil"
    assert [h.id for h in search.search(ctx, "dupont").hits] == [client_id]
    pool, _ = ouvrages.add_ouvrage(ctx, client_id, data=OuvrageInput(
        name="Pis\x00cine", type_id=1, city="Ly\x00on", notes="Liner\x07 bleu\nVolet\x00"))
    ouvrages.rename_ouvrage(ctx, pool, name="Piscine\x00 du haut\x1b")
    [ouvrage] = clients.get_client(ctx, client_id).ouvrages
    assert (ouvrage.id, ouvrage.name, ouvrage.city, ouvrage.notes) == (
        pool, "Piscine du haut", "Lyon", "Liner bleu\nVolet")
