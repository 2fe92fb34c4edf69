"""Reference lists: add, rename, deactivate, and merge duplicates in one transaction."""


import pytest

from db_read import read
from extradesk.core.errors import ConflictError, NotFoundError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import references
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput


def labels(ctx, name):
    return [i.label for i in references.list_items(ctx, name)]


def dump(db_path):
    return (read(db_path, "SELECT * FROM client_statuses ORDER BY id"),
            read(db_path, "SELECT id, status_id FROM clients ORDER BY id"))


def test_seeded_lists_are_french_and_ordered(ctx):
    assert labels(ctx, "status") == ["Suspect", "Prospect", "Client", "Ancien client"]
    assert "M. et Mme" in labels(ctx, "civility")
    assert "Bouche à oreille" in labels(ctx, "origin")
    assert "Poêle à granulés" in labels(ctx, "ouvrage_type")


def test_add_rename_and_deactivate(ctx):
    item, changes = references.add_item(ctx, "origin", label="  Foire   de Paris ")
    assert item.label == "Foire de Paris" and changes.references == {"origin"}
    references.rename_item(ctx, "origin", item_id=item.id, label="Foire de Lyon")
    assert "Foire de Lyon" in labels(ctx, "origin")
    references.set_active(ctx, "origin", item_id=item.id, active=False)
    [stored] = [i for i in references.list_items(ctx, "origin") if i.id == item.id]
    assert not stored.active
    with pytest.raises(ConflictError) as caught:
        references.add_item(ctx, "status", label="prospect")  # same label, other case
    assert error_text(caught.value) == "« prospect » existe déjà dans la liste."
    with pytest.raises(ValidationError):
        references.add_item(ctx, "status", label="   ")
    with pytest.raises(NotFoundError) as unknown:
        references.list_items(ctx, "colours")
    assert "Liste inconnue" in error_text(unknown.value)


def test_merge_moves_every_client_then_deletes_the_duplicates(ctx):
    dup1, _ = references.add_item(ctx, "status", label="Clients")
    dup2, _ = references.add_item(ctx, "status", label="Client fidèle")
    a, _ = clients.create_client(ctx, ClientInput(last_name="A", status_id=dup1.id))
    b, _ = clients.create_client(ctx, ClientInput(last_name="B", status_id=dup2.id))
    c, _ = clients.create_client(ctx, ClientInput(last_name="C", status_id=1))
    usage = {i.id: i.usage for i in references.list_items(ctx, "status", with_usage=True)}
    assert usage[dup1.id] == 1 and usage[dup2.id] == 1
    changes = references.merge_items(ctx, "status", keep_id=3, duplicate_ids=[dup1.id, dup2.id])
    assert changes.everything
    assert labels(ctx, "status") == ["Suspect", "Prospect", "Client", "Ancien client"]
    rows = {r.id: r.status for r in clients.client_rows(ctx, [a, b, c])}
    assert rows == {a: "Client", b: "Client", c: "Suspect"}


@pytest.mark.parametrize(
    ("keep", "dups", "message"),
    [
        (3, [3], "Impossible de fusionner l'élément n° 3 avec lui-même."),
        (3, [99], "L'élément n° 99 de la liste « Statuts de client » n'existe pas."),
        (99, [3], "L'élément n° 99 de la liste « Statuts de client » n'existe pas."),
        (3, [], "Indiquez au moins un doublon à fusionner."),
    ],
)
def test_bad_merges_change_nothing(ctx, db_path, keep, dups, message):
    clients.create_client(ctx, ClientInput(last_name="A", status_id=2))
    before = dump(db_path)
    with pytest.raises((ValidationError, NotFoundError)) as caught:
        references.merge_items(ctx, "status", keep_id=keep, duplicate_ids=dups)
    assert error_text(caught.value) == message
    assert dump(db_path) == before


def test_merge_rolls_back_when_a_duplicate_is_missing(ctx, db_path):
    """The first duplicate exists and is used; the second does not: nothing may move."""
    dup, _ = references.add_item(ctx, "status", label="Doublon")
    clients.create_client(ctx, ClientInput(last_name="A", status_id=dup.id))
    before = dump(db_path)
    with pytest.raises(NotFoundError):
        references.merge_items(ctx, "status", keep_id=1, duplicate_ids=[dup.id, 4242])
    assert dump(db_path) == before


def test_merge_civilities_origins_and_suppliers(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="A", civility_id=2,
                                                         origin_id=3))
    references.merge_items(ctx, "civility", keep_id=1, duplicate_ids=[2])
    references.merge_items(ctx, "origin", keep_id=1, duplicate_ids=[3])
    detail = clients.get_client(ctx, client_id)
    assert (detail.civility, detail.origin) == ("M.", "Bouche à oreille")
    s1, _ = references.add_item(ctx, "supplier", label="Poujoulat")
    s2, _ = references.add_item(ctx, "supplier", label="POUJOULAT SA")
    references.merge_items(ctx, "supplier", keep_id=s1.id, duplicate_ids=[s2.id])
    assert labels(ctx, "supplier") == ["Poujoulat"]
