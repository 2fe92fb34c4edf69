"""The health check « Avez-vous les bons réflexes ? » on a small fixed database: seeded
near-duplicates are found and merged through the existing merge, each habit is caught, an
empty database scores 10."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from extradesk.core import near_duplicates
from extradesk.core.errors import ConflictError
from extradesk.core.workflow import Status
from extradesk.i18n.messages import error_text
from extradesk.services import audit, company, preferences, references, search, usage, users
from extradesk.services.agenda import appointments
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.articles import edit as articles
from extradesk.services.articles import families
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput, UserInput
from extradesk.services.exports.catalog import EXPORTS, run_export
from extradesk.services.exports.model import ExportQuery

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    siret="73282932000074", rcs_rm="RCS Lyon", vat_number="FR44732829320",
    insurer="MAAF Assurances", insurance_policy="DEC-1", insurance_coverage="France")


def ids(ctx, list_name):
    return {i.label: i.id for i in references.list_items(ctx, list_name)}


def insert_item(ctx, table, label):
    """A label the form would refuse (same letters, other case): imports and old databases
    hold such twins."""
    with ctx.db.engine.begin() as conn:
        return conn.execute(text(f"INSERT INTO {table} (label, position, active) "
                                 "VALUES (:l, 99, 1) RETURNING id"), {"l": label}).scalar()


@pytest.fixture
def seeded(ctx):
    """Civilities « M. » (seeded), « Mr », « Monsieur »; statuses « Prospect » (seeded) and
    « prospect  »; suppliers « Ets Dupont » and « DUPONT SA »; clients using each."""
    mr, _ = references.add_item(ctx, "civility", label="Mr")
    monsieur, _ = references.add_item(ctx, "civility", label="Monsieur")
    twin = insert_item(ctx, "client_statuses", "prospect  ")
    ets, _ = references.add_item(ctx, "supplier", label="Ets Dupont")
    sa, _ = references.add_item(ctx, "supplier", label="DUPONT SA")
    civ = ids(ctx, "civility")
    status = ids(ctx, "status")
    origin = ids(ctx, "origin")["Salon"]
    made = []
    for name, civility, status_id in (("Martin", civ["M."], status["Prospect"]),
                                      ("Bernard", civ["M."], status["Client"]),
                                      ("Petit", mr.id, twin),
                                      ("Robert", monsieur.id, status["Prospect"])):
        client_id, _ = clients.create_client(ctx, ClientInput(
            last_name=name, civility_id=civility, status_id=status_id, origin_id=origin))
        made.append(client_id)
    return {"mr": mr.id, "monsieur": monsieur.id, "m": civ["M."], "twin": twin,
            "prospect": status["Prospect"], "ets": ets.id, "sa": sa.id, "clients": made}


def test_an_empty_database_has_no_finding_and_scores_10(ctx):
    report = audit.run(ctx)
    assert report == audit.AuditReport(10, ())


def test_near_duplicate_keys():
    assert {near_duplicates.key(x, "civility") for x in ("M.", "Mr", "Monsieur", "m")} \
        == {"monsieur"}
    assert near_duplicates.key("M. et Mme", "civility") \
        == near_duplicates.key("Mr & Madame", "civility")
    assert near_duplicates.key("Mme", "civility") != near_duplicates.key("M.", "civility")
    assert near_duplicates.key("Ets Dupont", "company") \
        == near_duplicates.key("DUPONT SA", "company")
    assert near_duplicates.key("Dupont et Fils", "company") != near_duplicates.key(
        "Dupont", "company")
    assert near_duplicates.key("Prospect", "plain") == near_duplicates.key(" prospect  ",
                                                                          "plain")
    assert near_duplicates.key("Bouche à oreille", "plain") \
        == near_duplicates.key("bouche-a-oreille", "plain")
    # The lists a new database is seeded with hold no near-duplicates.
    assert near_duplicates.groups(enumerate(["M.", "Mme", "M. et Mme", "Mlle", "Société",
                                             "Maître", "Docteur"]), "civility") == []


def test_seeded_duplicates_are_found_with_the_most_used_kept(ctx, seeded):
    report = audit.run(ctx)
    civilities = report.finding("duplicate_civilities")
    assert civilities.habit == 4 and civilities.count == 2
    assert civilities.place == "references:civility"
    [proposal] = civilities.merges
    assert (proposal.keep.id, proposal.keep.count) == (seeded["m"], 2)
    assert {d.id for d in proposal.duplicates} == {seeded["mr"], seeded["monsieur"]}
    assert proposal.moved == 2
    [status] = report.finding("duplicate_statuses").merges
    assert status.keep.label == "Prospect" and [d.label for d in status.duplicates] \
        == ["prospect  "]
    [supplier] = report.finding("duplicate_suppliers").merges
    assert {supplier.keep.id, *[d.id for d in supplier.duplicates]} == {seeded["ets"],
                                                                        seeded["sa"]}
    assert report.finding("duplicate_origins") is None
    assert report.score == 7  # habits 3, 4 and 5


def test_the_merge_proposal_moves_the_clients_and_removes_the_duplicates(ctx, seeded):
    [proposal] = audit.run(ctx).finding("duplicate_civilities").merges
    changes = audit.merge(ctx, proposal)
    assert "civility" in changes.references
    with ctx.db.engine.connect() as conn:
        civilities = conn.execute(text(
            "SELECT DISTINCT civility_id FROM clients")).scalars().all()
    assert civilities == [seeded["m"]]
    assert "Mr" not in ids(ctx, "civility") and "Monsieur" not in ids(ctx, "civility")
    after = audit.run(ctx)
    assert after.finding("duplicate_civilities") is None and after.score == 8


def test_a_stale_proposal_is_refused_and_changes_nothing(ctx, seeded):
    [proposal] = audit.run(ctx).finding("duplicate_civilities").merges
    references.rename_item(ctx, "civility", item_id=seeded["mr"], label="Sir")
    with pytest.raises(ConflictError) as caught:
        audit.merge(ctx, proposal)
    assert "relancez" in error_text(caught.value)
    assert {"Mr", "Sir"} & set(ids(ctx, "civility")) == {"Sir"}
    assert "Monsieur" in ids(ctx, "civility")


def test_clients_with_no_status_or_origin(ctx):
    clients.create_client(ctx, ClientInput(last_name="Rapide"))  # typed in a hurry
    clients.create_client(ctx, ClientInput(last_name="Complet", status_id=1, origin_id=1))
    finding = audit.run(ctx).finding("clients_unqualified")
    assert (finding.habit, finding.count, [i.label for i in finding.items]) \
        == (1, 1, ["RAPIDE"])


@pytest.fixture
def sales(ctx, clock):
    """Three articles (POO-1 with a family and an account, the others to classify), sold
    3, 2 and 0 times on issued invoices; a sent quote 40 days old."""
    company.save_company(ctx, LEGAL)
    family, _ = families.add_family(ctx, "Piscines")
    with ctx.db.engine.connect() as conn:
        account = conn.execute(text(
            "SELECT id FROM accounting_accounts WHERE waiting = 0 LIMIT 1")).scalar()
    made = {}
    for code, family_id, account_id in (("POO-1", family, account), ("FIL-2", None, None),
                                        ("VAN-3", family, None)):
        made[code], _ = articles.create_article(ctx, ArticleInput(
            code=code, label=f"Article {code}", sale_price="10", family_id=family_id,
            account_id=account_id))
    client, _ = clients.create_client(ctx, ClientInput(
        last_name="Achat", status_id=1, origin_id=1, billing_line1="1 rue",
        billing_postal_code="69003", billing_city="Lyon"))
    for codes in (["POO-1", "FIL-2"], ["poo-1", "FIL-2"], ["POO-1"]):
        invoice, _ = documents.create_invoice(ctx, client)
        for code in codes:
            lines.add_line(ctx, invoice, data=LineInput(code=code, label=code, quantity="1",
                                                        unit_price="10", vat_rate="20"))
        issuing.issue_document(ctx, invoice)
    quote, _ = documents.create_quote(ctx, client, subject="Piscine")
    lines.add_line(ctx, quote, data=LineInput(label="Piscine", unit_price="100",
                                              vat_rate="20"))
    documents.set_status(ctx, quote, target=Status.SENT)
    clock.advance(timedelta(days=40))
    return made


def test_articles_to_classify_and_without_notice_ranked_by_sales(ctx, sales):
    report = audit.run(ctx)
    unclassified = report.finding("articles_unclassified")
    assert [(i.id, i.count) for i in unclassified.items] == [(sales["FIL-2"], 2),
                                                            (sales["VAN-3"], 0)]
    assert unclassified.habit == 6 and unclassified.place == "articles:to_classify"
    bare = report.finding("articles_no_notice")  # the sold ones only, most sold first
    assert [(i.id, i.count) for i in bare.items] == [(sales["POO-1"], 3),
                                                    (sales["FIL-2"], 2)]
    quotes = report.finding("quotes_unanswered")
    assert quotes.count == 1 and quotes.items[0].count == 40 and quotes.habit is None


def test_exports_and_documents_search_are_recorded_per_user(ctx, sales, clock):
    report = audit.run(ctx)
    assert [i.label for i in report.finding("exports_unused").items] == list(EXPORTS)
    assert report.finding("documents_hint").items[0].id == ctx.user_id
    run_export(ctx, "ca-origine", query=ExportQuery(clock.today() - timedelta(days=60),
                                                    clock.today()))
    search.search(ctx, "**achat")
    search.search(ctx, "**achat")  # the same minute: one use
    assert usage.used_prefixed(ctx, "search.") == {"search.documents": 1}
    clock.advance(timedelta(minutes=2))
    search.search(ctx, "**ach")
    assert usage.used_prefixed(ctx, "search.") == {"search.documents": 2}
    report = audit.run(ctx)
    assert "ca-origine" not in [i.label for i in report.finding("exports_unused").items]
    assert report.finding("documents_hint") is None
    other, _ = users.create_user(ctx, UserInput(name="Zoé Martin", initials="ZM"))
    assert [i.id for i in audit.run(ctx).finding("documents_hint").items] == [other]


def test_agenda_sync_off_or_failing_and_sms_unused(ctx, clock):
    client, _ = clients.create_client(ctx, ClientInput(last_name="Rdv", status_id=1,
                                                       origin_id=1))
    start = clock.now() + timedelta(days=2)
    appointments.create_appointment(ctx, AppointmentInput(
        title="Visite", start=start, end=start + timedelta(hours=1),
        user_ids=(ctx.user_id,), client_id=client))
    report = audit.run(ctx)
    [user] = report.finding("agenda_sync").items
    assert (user.id, user.detail) == (ctx.user_id, "off")
    sms = report.finding("sms_unused")
    assert (sms.habit, sms.count, sms.detail) == (10, 1, "no_gateway")
    now = datetime(2026, 11, 28, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.000000")
    with ctx.db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO caldav_accounts (user_id, provider, url, login, enabled, "
            "conflict_policy, last_error) VALUES (:u, 'other', 'https://x', 'me', 1, "
            "'most_recent', 'caldav.unreachable')"), {"u": ctx.user_id})
    assert audit.run(ctx).finding("agenda_sync").items[0].detail == "failing"
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE caldav_accounts SET last_error = NULL"))
        conn.execute(text(
            "INSERT INTO sms_reminders (appointment_id, kind, for_start, planned_at, state, "
            "created_at) VALUES (1, 'rappel', :t, :t, 'planned', :t)"), {"t": now})
    report = audit.run(ctx)
    assert report.finding("agenda_sync") is None and report.finding("sms_unused") is None


def test_copy_by_mail_without_an_address(ctx):
    preferences.set_value(ctx, preferences.MAIL_COPY_TO_ME.key, value=True)
    finding = audit.run(ctx).finding("mail_copy_no_email")
    assert finding.items[0].id == ctx.user_id and finding.place == "users"
    assert audit.run(ctx).score == 10  # an extra check: advice, not a habit


def test_a_read_only_database_records_no_usage_and_still_searches(ctx, db_path):
    from extradesk.services.context import open_context

    reader, _ = open_context(db_path, read_only=True)
    reader.user_id = ctx.user_id
    try:
        assert usage.record(reader, usage.DOCUMENTS_SEARCH) is False
        assert search.search(reader, "**dupont").scope == "documents"
    finally:
        reader.db.dispose()
    assert usage.users_who_used(ctx, usage.DOCUMENTS_SEARCH) == set()
