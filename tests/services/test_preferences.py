"""The preferences registry: declared once, checked on set, per user, and what the services do
with them (client creation, the journal of a new document)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from extradesk.core.errors import NotFoundError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import preference_forms as forms
from extradesk.services import preferences, references, users
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import ClientInput, UserInput

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
       b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_key_declared_twice_is_refused_at_import():
    """Two branches picking the same name: the second declaration raises, at import."""
    with pytest.raises(ValueError, match="declared twice"):
        preferences.Option("search.mode", "contains", ("contains", "starts_with"))
    code = ("from extradesk.services import preferences\n"
            "preferences.Option('x.y', 1)\npreferences.Option('x.y', 2)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0 and "'x.y' is declared twice" in done.stderr


def test_the_old_three_field_form_still_declares_an_option():
    option = preferences.Option("test.legacy_form", "a", ("a", "b"))
    try:
        assert (option.kind, option.section, option.label) == (
            "choice", "", "preference.label.test.legacy_form")
        assert preferences.OPTIONS["test.legacy_form"] is option
    finally:
        del preferences.OPTIONS["test.legacy_form"]


def test_the_keys_other_capabilities_read_are_declared():
    options = preferences.OPTIONS
    assert options["dashboard.tiles"].default == ("revenue", "quotes", "followups", "overdue",
                                                  "cash", "appointments", "outbox", "audit")
    assert options["dashboard.mail_frequency"].choices == ("none", "daily", "weekly", "monthly")
    assert options["dashboard.mail_time"].kind == "time"
    assert options["appearance.home_background"].kind == "image"
    assert options["appearance.home_buttons"].kind == "images"


def test_defaults_without_a_user_and_every_option_labelled(ctx):
    assert preferences.get(ctx, "appearance.theme", user_id=None) == "system"
    views = forms.describe(ctx)
    assert [v.key for v in views][:3] == ["appearance.theme", "appearance.home_background",
                                         "appearance.home_buttons"]
    for view in views:
        assert not view.label.startswith("preference.label."), view.key
        assert view.value == preferences.OPTIONS[view.key].default
    assert preferences.get(ctx, "dashboard.tiles")[0] == "revenue"


@pytest.mark.parametrize(("key", "value", "said"), [
    ("appearance.theme", "violet", "Valeur refusée pour « Thème » : « violet »."),
    ("documents.line_numbers", "oui", "Valeur refusée pour « Numéroter les lignes"),
    ("quotes.followup_days", 0, "Valeur refusée pour « Relance des devis"),
    ("quotes.followup_days", True, "Valeur refusée"),
    ("dashboard.tiles", ["revenue", "revenue"], "Valeur refusée pour « Tuiles, dans"),
    ("dashboard.tiles", ["weather"], "Valeur refusée"),
    ("dashboard.mail_time", "25:00", "« 25:00 » n'est pas une heure (HH:MM"),
    ("clients.required_fields", ["last_name"], "Valeur refusée"),
    ("sms.price_per_segment", "abc", "Valeur refusée"),
])
def test_a_value_outside_its_choices_is_refused_in_french(ctx, key, value, said):
    with pytest.raises(ValidationError) as caught:
        preferences.set_value(ctx, key, value=value)
    assert error_text(caught.value).startswith(said)
    assert preferences.get(ctx, key) == preferences.OPTIONS[key].default  # nothing written


def test_an_unknown_key_is_refused_in_french(ctx):
    with pytest.raises(NotFoundError) as caught:
        preferences.set_value(ctx, "search.colour", value="red")
    assert error_text(caught.value) == "Préférence inconnue : « search.colour »."
    with pytest.raises(NotFoundError):
        preferences.get(ctx, "search.colour")


def test_a_background_that_is_not_an_image_is_refused(ctx, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("pas une image")
    fake = tmp_path / "photo.png"  # the name says PNG, the content does not
    fake.write_bytes(b"<html>not a png</html>")
    for path in (text, fake):
        with pytest.raises(ValidationError) as caught:
            preferences.set_value(ctx, "appearance.home_background", value=str(path))
        assert error_text(caught.value) == (
            f"« {path} » n'est pas une image (PNG, JPEG, GIF, BMP ou WebP).")
    with pytest.raises(ValidationError) as caught:
        preferences.set_value(ctx, "appearance.home_background", value=str(tmp_path / "x.png"))
    assert "introuvable" in error_text(caught.value)
    real = tmp_path / "fond.png"
    real.write_bytes(PNG)
    preferences.set_value(ctx, "appearance.home_background", value=str(real))
    assert preferences.get(ctx, "appearance.home_background") == str(real)
    with pytest.raises(ValidationError):
        preferences.set_value(ctx, "appearance.home_buttons",
                              value={"clients": str(real), "agenda": str(text)})
    with pytest.raises(ValidationError):
        preferences.set_value(ctx, "appearance.home_buttons", value={"kitchen": str(real)})
    preferences.set_value(ctx, "appearance.home_buttons", value={"clients": str(real)})
    assert preferences.get(ctx, "appearance.home_buttons") == {"clients": str(real)}


def test_several_values_are_written_all_or_none(ctx):
    with pytest.raises(ValidationError) as caught:
        preferences.set_values(ctx, values={"search.mode": "starts_with",
                                            "appearance.theme": "violet",
                                            "dashboard.mail_time": "7h"})
    assert len(caught.value.problems) == 2
    assert preferences.get(ctx, "search.mode") == "contains"
    preferences.set_values(ctx, values={"search.mode": "starts_with", "appearance.theme": "dark",
                                        "dashboard.tiles": ("cash", "revenue")})
    assert preferences.get(ctx, "dashboard.tiles") == ("cash", "revenue")  # order kept
    assert preferences.get_all(ctx)["appearance.theme"] == "dark"


def test_each_user_has_their_own_values(ctx):
    other, _ = users.create_user(ctx, UserInput(name="Marie Curie", initials="MC"))
    preferences.set_value(ctx, "appearance.theme", value="dark")
    preferences.set_value(ctx, "appearance.theme", value="light", user_id=other)
    assert preferences.get(ctx, "appearance.theme") == "dark"
    assert preferences.get(ctx, "appearance.theme", user_id=other) == "light"
    preferences.set_value(ctx, "dashboard.mail_frequency", value="weekly", user_id=other)
    assert preferences.get(ctx, "dashboard.mail_frequency") == "none"


def test_references_must_exist_and_be_of_the_right_kind(ctx):
    journals = {j.label: j.id for j in references.list_items(ctx, "journal")}
    with pytest.raises(ValidationError) as caught:
        preferences.set_value(ctx, "clients.default_status", value=9999)
    assert "n° 9999 n'existe pas dans la liste Statuts de client" in error_text(caught.value)
    cash = next(v for v in forms.describe(ctx) if v.key == "payments.journal").choices
    sales = next(v for v in forms.describe(ctx) if v.key == "documents.journal").choices
    assert cash and sales and not set(cash) & set(sales)
    with pytest.raises(ValidationError):  # a cash journal is no sales journal
        preferences.set_value(ctx, "documents.journal", value=cash[0][0])
    preferences.set_value(ctx, "documents.journal", value=sales[0][0])
    assert set(journals.values()) >= {cash[0][0], sales[0][0]}


def test_mandatory_fields_are_enforced_on_a_new_client(ctx):
    preferences.set_value(ctx, "clients.required_fields", value=("phone", "origin_id"))
    with pytest.raises(ValidationError) as caught:
        clients.create_client(ctx, ClientInput(last_name="Martin"))
    said = error_text(caught.value)
    assert "Téléphone : ce champ est obligatoire pour un nouveau client" in said
    assert "Origine du contact : ce champ est obligatoire" in said
    assert {p.field for p in caught.value.problems} == {"phone_mobile", "origin_id"}
    new_id, _ = clients.create_client(ctx, ClientInput(last_name="Martin", origin_id=2,
                                                       phone_work="04 78 00 00 00"))
    # Editing an existing client is not blocked by a rule made after it was created.
    clients.update_client(ctx, new_id, data=ClientInput(last_name="Martin"))


def test_a_new_document_goes_to_the_users_sales_journal(ctx):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Martin"))
    added, _ = references.add_item(ctx, "journal", label="Ventes chantiers")
    first, _ = documents.create_quote(ctx, client_id)
    assert documents.get_document(ctx, first).header.journal_id != added.id
    preferences.set_value(ctx, "documents.journal", value=added.id)
    second, _ = documents.create_quote(ctx, client_id)
    assert documents.get_document(ctx, second).header.journal_id == added.id
    references.set_active(ctx, "journal", item_id=added.id, active=False)
    third, _ = documents.create_quote(ctx, client_id)  # an inactive one: the company's
    assert documents.get_document(ctx, third).header.journal_id == documents.get_document(
        ctx, first).header.journal_id


def test_parse_reads_what_a_person_types(ctx):
    assert forms.parse(ctx, "documents.line_numbers", "Oui") is True
    assert forms.parse(ctx, "search.mode", "commence par") == "starts_with"
    assert forms.parse(ctx, "dashboard.tiles", "Encaissements, revenue") == ["cash", "revenue"]
    assert forms.parse(ctx, "quotes.followup_days", "15") == 15
    assert forms.parse(ctx, "sms.price_per_segment", "0,05") == "0.05"
    assert forms.parse(ctx, "clients.default_status", "aucun") is None
    status = references.list_items(ctx, "status")[0]
    assert forms.parse(ctx, "clients.default_status", status.label.upper()) == status.id
    with pytest.raises(ValidationError) as caught:
        forms.parse(ctx, "documents.line_numbers", "peut-être")
    assert error_text(caught.value) == ("« Numéroter les lignes des pièces imprimées » attend "
                                        "oui ou non ; « peut-être » ne convient pas.")
