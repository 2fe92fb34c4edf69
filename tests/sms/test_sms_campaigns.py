"""Campaigns with a fixed clock: targeting, consent and STOP exclusions listed with their
reason, cost, the STOP mention, the sending window, and the report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sms_helpers import add_client

from extradesk.core.clock import PARIS, FixedClock
from extradesk.core.errors import ValidationError
from extradesk.services import preferences
from extradesk.services.clients import ouvrages
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import OuvrageInput
from extradesk.services.outbox import sender
from extradesk.services.sms import campaigns, consent
from extradesk.services.sms.campaigns import Target

TEXT = "Promo entretien piscine : -10 % jusqu'au 31/12."


@pytest.fixture
def people(android):
    ctx = android
    ids = {
        "ok": add_client(ctx, "Dupont", "06 12 34 56 78"),
        "no_consent": add_client(ctx, "Martin", "06 22 34 56 78"),
        "stopped": add_client(ctx, "Bernard", "06 32 34 56 78"),
        "no_mobile": add_client(ctx, "Petit", None, phone_home="04 78 00 00 00"),
    }
    for key in ("ok", "stopped", "no_mobile"):
        consent.record_consent(ctx, ids[key], source="formulaire signé")
    assert consent.receive(ctx, number="+33632345678", text=" Stop ")
    return ids


def at(ctx, *args):
    ctx.clock = FixedClock(datetime(*args, tzinfo=PARIS))


def test_preview_lists_who_is_excluded_and_why_and_the_cost(android, people):
    preview = campaigns.preview(android, target=Target(), text=TEXT)
    assert preview.text == TEXT + " STOP au 36111"  # the Android gateway adds no STOP
    assert preview.recipients == 1
    assert preview.excluded == {"no_consent": 1, "opted_out": 1, "no_mobile": 1}
    assert {(e.name, e.reason) for e in preview.excluded_list} == {
        ("MARTIN", "no_consent"), ("BERNARD", "opted_out"), ("PETIT", "no_mobile")}
    assert (preview.info.encoding, preview.info.segments) == ("gsm7", 1)
    assert preview.price_per_segment == Decimal("0.045") and preview.cost == Decimal("0.05")
    preferences.set_value(android, "sms.price_per_segment", value="0.07")
    long = campaigns.preview(android, target=Target(), text="ê" + "a" * 60)
    assert long.info.segments == 2 and long.cost == Decimal("0.14")


def test_saturday_1959_sends_at_once(android, people, fake):
    at(android, 2026, 12, 5, 19, 59)
    campaign_id, _ = campaigns.create_campaign(android, name="Hiver", target=Target(),
                                               text=TEXT)
    report, _ = sender.send_due(android)
    assert report.sent == 1
    assert [(a["to"], a["text"]) for a in fake.accepted] == [
        ("+33612345678", TEXT + " STOP au 36111")]
    result = campaigns.report(android, campaign_id)
    assert (result.recipients, result.sent, result.failed, result.opted_out, result.waiting,
            result.cost) == (1, 1, 0, 0, 0, Decimal("0.05"))


def test_saturday_2000_waits_until_monday_0800(android, people, fake):
    at(android, 2026, 12, 5, 20, 0)
    assert campaigns.preview(android, target=Target(), text=TEXT).send_at == datetime(
        2026, 12, 7, 8, 0, tzinfo=PARIS)
    campaign_id, _ = campaigns.create_campaign(android, name="Hiver", target=Target(),
                                               text=TEXT)
    assert sender.send_due(android)[0].sent == 0
    android.clock.advance(timedelta(hours=35, minutes=59))  # Monday 07:59
    assert sender.send_due(android)[0].sent == 0 and fake.accepted == []
    android.clock.advance(timedelta(minutes=1))
    assert sender.send_due(android)[0].sent == 1
    assert campaigns.report(android, campaign_id).sent == 1


def test_14_july_waits_and_a_chosen_time_is_kept(android, people, fake):
    at(android, 2026, 7, 13, 10, 0)
    chosen = datetime(2026, 7, 14, 10, 0, tzinfo=PARIS)
    campaign_id, _ = campaigns.create_campaign(android, name="Été", target=Target(),
                                               text=TEXT, send_at=chosen)
    android.clock = FixedClock(chosen)
    assert sender.send_due(android)[0].sent == 0
    android.clock.advance(timedelta(hours=22))  # 15 July 08:00
    assert sender.send_due(android)[0].sent == 1 and len(fake.accepted) == 1


def test_a_message_already_queued_is_held_back_when_stop_arrives(android, people, fake):
    at(android, 2026, 12, 4, 10, 0)
    campaign_id, _ = campaigns.create_campaign(android, name="Hiver", target=Target(),
                                               text=TEXT)
    consent.opt_out(android, number="06 12 34 56 78")  # answered STOP meanwhile
    report, _ = sender.send_due(android)
    assert report.sent == 0 and report.opted_out == 1 and fake.accepted == []
    result = campaigns.report(android, campaign_id)
    assert (result.sent, result.opted_out, result.waiting, result.cost) == (
        0, 1, 0, Decimal("0.00"))


def test_targeting(android, fake):
    ctx = android
    lyon = add_client(ctx, "Lyonnais", "06 11 11 11 11", status_id=3)
    annecy = add_client(ctx, "Savoyard", "06 11 11 11 12", postal="74000", city="Annecy",
                        status_id=1)
    old = add_client(ctx, "Ancien", "06 11 11 11 13", postal="69100", city="Villeurbanne")
    for client in (lyon, annecy, old):
        consent.record_consent(ctx, client, source="site web")
    ouvrages.add_ouvrage(ctx, old, data=OuvrageInput(name="Piscine", type_id=1,
                                                     install_date=date(2012, 5, 1)))
    documents.create_quote(ctx, lyon)

    def who(**target) -> set[str]:
        with ctx.db.engine.connect() as conn:
            chosen = campaigns._select(conn, Target(**target))
        return {n for _, n in chosen.recipients}

    everyone = {"+33611111111", "+33611111112", "+33611111113"}
    assert who() == everyone
    assert who(place_prefix="69") == {"+33611111111", "+33611111113"}
    assert who(place_prefix="ann") == {"+33611111112"}
    assert who(status_ids=(3,)) == {"+33611111111"}
    assert who(ouvrage_type_ids=(1,)) == {"+33611111113"}
    assert who(installed_before=date(2015, 1, 1)) == {"+33611111113"}
    assert who(installed_before=date(2010, 1, 1)) == set()
    assert who(no_document_since=date(2026, 1, 1)) == {"+33611111112", "+33611111113"}


def test_no_stop_number_refuses_an_android_campaign_but_ovh_adds_the_mention(business, fake):
    from sms_helpers import configure

    configure(business, fake, "android")
    client = add_client(business, "Dupont", "06 12 34 56 78")
    consent.record_consent(business, client, source="devis signé")
    with pytest.raises(ValidationError) as caught:
        campaigns.preview(business, target=Target(), text=TEXT)
    assert caught.value.problems[0].message_id == "sms.campaign_stop_number"
    configure(business, fake, "ovh")
    business.clock = FixedClock(datetime(2026, 12, 4, 10, 0, tzinfo=UTC))
    campaigns.create_campaign(business, name="", target=Target(), text=TEXT)
    assert sender.send_due(business)[0].sent == 1
    assert fake.accepted[0]["text"] == TEXT and fake.accepted[0]["stop_clause"] is True


def test_an_empty_target_is_refused(android):
    with pytest.raises(ValidationError) as caught:
        campaigns.create_campaign(android, name="x", target=Target(), text=TEXT)
    assert caught.value.problems[0].message_id == "sms.campaign_empty"


def test_a_looser_window_set_in_the_settings_sends_on_sunday(android, people, fake):
    from extradesk.services.sms import gateway

    with pytest.raises(ValidationError):
        gateway.set_window(android, days="0123456", start=21 * 60, end=9 * 60, holidays=False)
    gateway.set_window(android, days="0123456", start=9 * 60, end=21 * 60, holidays=False)
    at(android, 2026, 12, 6, 20, 30)  # Sunday evening
    campaigns.create_campaign(android, name="Dimanche", target=Target(), text=TEXT)
    assert sender.send_due(android)[0].sent == 1


def test_stop_answers_fetched_from_ovh_opt_out_at_once(business, fake):
    from sms_helpers import configure

    configure(business, fake, "ovh")
    fake.incoming.update({7: ("+33612345678", "STOP"), 8: ("+33622345678", "Merci, à jeudi")})
    assert consent.fetch_stops(business) == 1
    assert consent.is_opted_out(business, "06 12 34 56 78")
    assert not consent.is_opted_out(business, "06 22 34 56 78")
    # The STOP is deleted at the provider once recorded; the client's other answer stays.
    assert fake.incoming == {8: ("+33622345678", "Merci, à jeudi")}
    assert consent.fetch_stops(business) == 0
    configure(business, fake, "android")
    assert consent.fetch_stops(business) == 0  # no inbound API: answers come by webhook
