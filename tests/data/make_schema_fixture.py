"""Write tests/data/schemas/<head>.sqlite3: a small database at the current schema, with data.

Run once per shipped schema revision (`python tests/data/make_schema_fixture.py`) and commit
the file; tests/migrations upgrades every fixture in that folder to the current head. From
schema 0002 on, the fixture also holds documents (a quote with an option, an issued invoice);
from 0004 on, appointments (one for two users, an all-day one, a tombstone), agenda rights,
a CalDAV account with a sync status row and a log line; from 0005 on, a family tree, a supplier and an article; from 0006 on, a supplier
catalogue (an applied import of two lines, its mapping); from 0008 on, the issued invoice is
chained (issued_chain) and guarded by triggers; from 0009 on, the company's SMTP account, an
edited quote template and the outbox (a sent quote mail with its PDF, a pending alert with
its error); from 0010 on, payments: a cheque set against the issued invoice and deposited
in a slip, a reminder letter, a closing, the payments chain of both (real hashes);
from 0011 on, the SMS gateway settings (an Android phone), a consent, an opt-out, a planned
reminder for the first appointment, a quote follow-up and a campaign with
its one queued SMS; from 0012 on, the article search text holds codes without
dashes (no new rows); from 0013 on, usage events (a `**` search of the user and a
command-line export); from 0014 on, the issued invoice is stored as a Factur-X PDF and
the reform's columns (client SIREN and VAT number, operation category, service date,
autoliquidation, VAT on debits) exist, empty; from 0015 on, the dashboard's
revenue indexes (no new rows); from 0016 on, who last changed a document; from 0017 on,
document lines remember their article, family and account, and the quote has a line typed
with the article's code; from 0018 on, a second depot that the quote leaves from; from 0019
on, the issued 10 % invoice carries the client's reduced-VAT attestation (a date, no file).
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from extradesk.core.clock import FixedClock
from extradesk.db.migrate import head_revision
from extradesk.models import metadata
from extradesk.services import users
from extradesk.services.clients import ouvrages
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput, OuvrageInput

FOLDER = Path(__file__).with_name("schemas")


def _add_documents(ctx, client_id: int) -> None:
    """A quote with a text line and an option, and an issued invoice with its frozen PDF."""
    from decimal import Decimal

    from extradesk.services import company
    from extradesk.services.documents import drafts as documents
    from extradesk.services.documents import issuing, lines
    from extradesk.services.documents.dto import LineInput

    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
        line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
        siret="73282932000074", rcs_rm="RCS Lyon", vat_number="FR44732829320",
        insurer="MAAF Assurances", insurance_policy="DEC-1", insurance_coverage="France"))
    clients.update_client(ctx, client_id, data=replace(
        clients.get_client(ctx, client_id).data, billing_line1="3 chemin des Vignes"))
    quote, _ = documents.create_quote(ctx, client_id, subject="Piscine 8×4")
    lines.add_line(ctx, quote, data=LineInput(code="txt_titre", label="Construction d'une piscine"))
    lines.add_line(ctx, quote, data=LineInput(label="Liner", quantity="1", unit_price="2480",
                                         vat_rate="20"))
    heating, _ = lines.add_line(ctx, quote, data=LineInput(label="Pompe à chaleur", unit_price="3200"))
    lines.create_option(ctx, [heating], title="Chauffage")
    invoice, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, invoice, data=LineInput(label="Entretien annuel", unit_price="180",
                                           vat_rate="10"))
    if "vat_attestation_date" in metadata.tables["documents"].c:  # schema 0019 and later
        from datetime import date

        from extradesk.services.documents import attestation

        attestation.record(ctx, invoice, day=date(2026, 11, 20))  # 10 %: the client's word
    issuing.issue_document(ctx, invoice)


def add_appointments(conn) -> None:
    """Raw SQL in the 0004 shape, so the same rows go into older fixtures unchanged
    (`conn`: anything with exec_driver_sql). Users 1 and 2, client 1 and ouvrage 1 exist."""
    now = "2026-11-28 09:00:00.000000"
    conn.exec_driver_sql(
        "INSERT INTO users (name, initials, color, active, created_at) SELECT 'Marc Lefèvre', "
        f"'ML', '#75507b', 1, '{now}' WHERE (SELECT count(*) FROM users) < 2")
    rows = [  # uid, title, start, end, all_day, client, ouvrage, type, status, deleted
        ("0d6c5b0e-8a55-4f7e-9a51-6c1f2b3d4e01", "Pose liner — DUPONT Hélène",
         "2026-12-03 08:00:00.000000", "2026-12-03 12:00:00.000000", 0, 1, 1, 2, "confirmed",
         None),
        ("0d6c5b0e-8a55-4f7e-9a51-6c1f2b3d4e02", "Congés", "2026-12-23 23:00:00.000000",
         "2026-12-24 23:00:00.000000", 1, None, None, 5, "planned", None),
        ("0d6c5b0e-8a55-4f7e-9a51-6c1f2b3d4e03", "Visite annulée", "2026-11-20 09:00:00.000000",
         "2026-11-20 10:00:00.000000", 0, 1, None, 1, "cancelled", now),
    ]
    for i, (uid, title, start, end, all_day, client, ouvrage, kind, status, deleted) in \
            enumerate(rows, start=1):
        conn.exec_driver_sql(
            "INSERT INTO appointments (id, uid, title, start_utc, end_utc, tz, all_day, "
            "client_id, ouvrage_id, type_id, location, notes, status, reminder_minutes, "
            "sequence, revision, created_at, updated_at, created_by, deleted_at) VALUES "
            "(?, ?, ?, ?, ?, 'Europe/Paris', ?, ?, ?, ?, 'Les Hauts, 26110 Nyons', "
            "'Prévoir l''échelle ; code 1234', ?, 60, 0, 1, ?, ?, 1, ?)",
            (i, uid, title, start, end, all_day, client, ouvrage, kind, status, now, now,
             deleted))
        for user in (1, 2) if i == 1 else (2,):
            conn.exec_driver_sql(
                "INSERT INTO appointment_users (appointment_id, user_id, start_utc, end_utc, "
                "is_long) VALUES (?, ?, ?, ?, 0)", (i, user, start, end))
    conn.exec_driver_sql("INSERT INTO agenda_rights (owner_id, grantee_id, can_modify) "
                         "VALUES (2, 2, 1), (2, 1, 0)")
    conn.exec_driver_sql(
        "INSERT INTO caldav_accounts (id, user_id, provider, url, login, calendar_url, "
        "calendar_name, enabled, conflict_policy, sync_token, last_sync_at, last_error) "
        "VALUES (1, 2, 'other', 'https://dav.example.fr/', 'marc', "
        "'https://dav.example.fr/marc/extradesk/', 'extradesk', 1, 'most_recent', "
        f"'http://radicale.org/ns/sync/1', '{now}', NULL)")
    conn.exec_driver_sql(
        "INSERT INTO sync_status (account_id, uid, href, etag, local_revision, hash) VALUES "
        "(1, '0d6c5b0e-8a55-4f7e-9a51-6c1f2b3d4e01', "
        "'/marc/extradesk/0d6c5b0e-8a55-4f7e-9a51-6c1f2b3d4e01.ics', '\"abc\"', 1, "
        "'0000000000000000000000000000000000000000000000000000000000000000')")
    conn.exec_driver_sql(
        "INSERT INTO sync_log (account_id, at, kind, message) VALUES (1, ?, 'conflict', "
        "'Conflit sur « Pose liner » : modifié des deux côtés, la version du téléphone a "
        "été gardée.')", (now,))


def _add_article_line(ctx) -> None:
    """The quote gets a line typed with the article's code: it remembers the article, its
    family and its account."""
    from extradesk.services.documents import lines
    from extradesk.services.documents.dto import LineInput

    lines.add_line(ctx, 1, data=LineInput(code="w1245er", label="Pompe de filtration 1 CV",
                                          unit_price="740", vat_rate="20"))


def _add_articles(ctx) -> None:
    """A family tree, a supplier with contact fields and an article (raw SQL: the schema's
    own shape, whatever the services become)."""
    now = "2026-11-28 09:00:00.000000"
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO suppliers (label, position, active, contact, email, phone, "
            "customer_number) VALUES ('Aqua Distribution', 1, 1, 'M. Roux', "
            "'pro@aqua.example', '+33472000000', 'C-4512')")
        conn.exec_driver_sql(
            "INSERT INTO article_families (label, position, active, parent_id, account_id, "
            "vat_rate) VALUES ('Piscine', 1, 1, NULL, 3, 2000)")
        conn.exec_driver_sql(
            "INSERT INTO article_families (label, position, active, parent_id, account_id, "
            "vat_rate) VALUES ('Filtration', 1, 1, 1, 3, 2000)")
        conn.exec_driver_sql(
            "INSERT INTO articles (code, code_key, label, sort_label, unit, purchase_price, "
            "sale_price, vat_rate, family_id, sub_family_id, account_id, supplier_id, "
            "supplier_ref, active, price_updated_on, created_at, updated_at) VALUES "
            "('W1245ER', 'w1245er', 'Pompe de filtration 1 CV', 'pompe de filtration 1 cv', "
            "'u', 4120000, 6900000, 2000, 1, 2, 3, 1, 'AQ-1245', 1, '2026-11-28', "
            f"'{now}', '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO article_fts_tri (rowid, text) VALUES "
            "(1, 'w1245er pompe de filtration 1 cv aq-1245')")
        conn.exec_driver_sql(
            "INSERT INTO article_fts_word (rowid, text) VALUES "
            "(1, 'w1245er pompe de filtration 1 cv aq-1245')")


def _add_catalogue(ctx) -> None:
    """An applied import of two lines for supplier 1, its search entries and its mapping."""
    now = "2026-11-28 09:00:00.000000"
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO catalogue_imports (supplier_id, state, file_name, started_at, "
            "applied_at, lines, skipped, added, removed, price_up, price_down) VALUES "
            f"(1, 'active', 'aqua-2026.csv', '{now}', '{now}', 2, 0, 2, 0, 0, 0)")
        conn.exec_driver_sql(
            "INSERT INTO catalogue_lines (import_id, supplier_id, ref, ref_norm, label, "
            "family, sub_family, unit, purchase_price, public_price, vat_rate, ean) VALUES "
            "(1, 1, 'AQ-1245', 'aq1245', 'Pompe de filtration 1 CV', 'Piscine', "
            "'Filtration', 'u', 4120000, 7400000, 2000, '3700000012457'), "
            "(1, 1, 'AQ-88.B', 'aq88b', 'Skimmer grande bouche', 'Piscine', NULL, 'u', "
            "1890000, NULL, 2000, NULL)")
        conn.exec_driver_sql(
            "INSERT INTO catalogue_fts_tri (rowid, text) VALUES "
            "(1, 'pompe de filtration 1 cv'), (2, 'skimmer grande bouche')")
        conn.exec_driver_sql(
            "INSERT INTO catalogue_mappings (supplier_id, encoding, delimiter, decimal, "
            "has_header, columns, updated_at) VALUES (1, 'cp1252', ';', ',', 1, "
            f"'{{\"ref\": \"R\u00e9f\u00e9rence\", \"label\": \"D\u00e9signation\"}}', "
            f"'{now}')")


def _add_mail(ctx) -> None:
    """Raw SQL in the 0009 shape: an account, a template, a sent and a pending outbox item."""
    now = "2026-11-28 09:00:00.000000"
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO smtp_accounts (id, user_id, provider, sender_name, sender_address, "
            "host, port, security, login, created_at, updated_at) VALUES (1, NULL, 'ovh', "
            "'Piscines Azur', 'contact@piscines-azur.fr', 'ssl0.ovh.net', 465, 'ssl', "
            f"'contact@piscines-azur.fr', '{now}', '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO mail_templates (kind, subject, body, updated_at) VALUES ('devis', "
            f"'Votre devis {{numero}}', 'Bonjour {{civilite}} {{nom}},', '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO outbox (id, channel, kind, state, message_id, account_id, sender, "
            "recipients, to_display, subject, body, headers, attempts, next_attempt_at, "
            "last_error, last_error_params, server_reply, document_id, client_id, created_by, "
            "created_at, updated_at, sent_at) VALUES "
            "(1, 'mail', 'devis', 'sent', '<a1@piscines-azur.fr>', 1, "
            "'Piscines Azur <contact@piscines-azur.fr>', "
            "'{\"to\": [\"helene@exemple.fr\"], \"cc\": [], \"bcc\": []}', "
            "'helene@exemple.fr', 'Devis D-2026-00001', 'Bonjour Mme Dupont,', NULL, 1, NULL, "
            f"NULL, NULL, '250 Ok', 1, 1, 1, '{now}', '{now}', '{now}'), "
            "(2, 'mail', 'alerte', 'pending', '<a2@piscines-azur.fr>', 1, "
            "'Piscines Azur <contact@piscines-azur.fr>', "
            "'{\"to\": [\"helene@exemple.fr\"], \"cc\": [], \"bcc\": []}', "
            "'helene@exemple.fr', 'Passage demain', 'Nous passons à 9 h.', NULL, 2, "
            f"'{now}', 'smtp.unreachable', "
            "'{\"host\": \"ssl0.ovh.net\", \"port\": 465}', NULL, NULL, 1, 1, "
            f"'{now}', '{now}', NULL)")
        conn.exec_driver_sql(
            "INSERT INTO outbox_attachments (item_id, position, name, content_type, size, "
            "sha256, data, pdf_document_id) VALUES (1, 1, 'Devis D-2026-00001 - DUPONT "
            "Hélène.pdf', 'application/pdf', 10, "
            "'0000000000000000000000000000000000000000000000000000000000000000', "
            "X'255044462D737475620A', NULL)")


def _add_payments(ctx) -> None:
    """Raw SQL in the 0010 shape: the issued invoice (document 2, 198,00 €) partly paid by a
    deposited cheque, reminded once; October 2026 closed; both chained (core.payments)."""
    from datetime import date

    from extradesk.core.payments import GENESIS, closing_hash, payment_hash

    now = "2026-11-28 09:00:00.000000"
    totals = '{"journals": {}, "modes": {}}'
    paid = payment_hash(GENESIS, payment_id=1, day=date(2026, 11, 28), amount_cents=10000,
                        mode="cheque", client_id=1, journal="BQ", cancels_id=None,
                        reference="Acompte entretien", cheque="LCL/0001234/",
                        allocations="2:10000")
    closed = closing_hash(paid, closing_id=1, period="mois", first=date(2026, 10, 1),
                          last=date(2026, 10, 31), total_cents=0, count=0, totals=totals)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO deposit_slips (id, day, journal_id, bank, total, count, created_by, "
            f"created_at) VALUES (1, '2026-11-28', 3, 'Banque', 10000, 1, 1, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO payments (id, client_id, day, amount, mode, journal_id, reference, "
            "note, cheque_bank, cheque_number, drawer, cancels_id, cancelled_by, "
            "cancelled_at, deposit_slip_id, created_by, created_at) VALUES (1, 1, "
            "'2026-11-28', 10000, 'cheque', 3, 'Acompte entretien', NULL, 'LCL', '0001234', "
            f"NULL, NULL, NULL, NULL, 1, 1, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO payment_allocations (id, document_id, payment_id, credit_note_id, "
            f"amount, created_by, created_at) VALUES (1, 2, 1, NULL, 10000, 1, '{now}')")
        conn.exec_driver_sql("UPDATE documents SET status = 'payee_partiellement' "
                             "WHERE id = 2")
        conn.exec_driver_sql(
            "INSERT INTO payment_closings (id, period, first_day, last_day, total, count, "
            "totals, closed_by, closed_at) VALUES (1, 'mois', '2026-10-01', '2026-10-31', "
            f"0, 0, '{totals}', 1, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO payment_chain (seq, payment_id, closing_id, previous_hash, "
            f"chain_hash) VALUES (1, 1, NULL, '{GENESIS}', '{paid}'), "
            f"(2, NULL, 1, '{paid}', '{closed}')")
        conn.exec_driver_sql(
            "INSERT INTO dunning_letters (id, document_id, level, day, channel, outbox_id, "
            "amount, pdf, created_by, created_at) VALUES (1, 2, 1, '2026-11-28', 'print', "
            f"NULL, 9800, X'255044462D737475620A', 1, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO dunning_templates (level, subject, body, updated_at) VALUES (1, "
            f"'Rappel {{numero}}', 'Bonjour {{nom}}, il reste {{reste}}.', '{now}')")
def _add_sms(ctx) -> None:
    """Raw SQL in the 0011 shape (outbox items 1 and 2 and appointment 1 exist)."""
    now = "2026-11-28 09:00:00.000000"
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sms_settings (id, kind, url, sender, account, stop_number, "
            "window_days, window_start, window_end, window_holidays, updated_at) VALUES "
            f"(1, 'android', 'http://192.168.1.20:8080', NULL, NULL, '36111', '012345', 480, "
            f"1200, 1, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO sms_consents (client_id, given_at, source, recorded_by) VALUES "
            f"(1, '{now}', 'formulaire signé', 1)")
        conn.exec_driver_sql(
            "INSERT INTO sms_opt_outs (number, at, source, client_id) VALUES "
            f"('+33699999999', '{now}', 'stop', NULL)")
        conn.exec_driver_sql(
            "INSERT INTO sms_appointment_settings (appointment_id, enabled, delay, "
            "notify_moved) VALUES (1, 1, '1d', 1)")
        conn.exec_driver_sql(
            "INSERT INTO sms_reminders (appointment_id, kind, for_start, planned_at, state, "
            "outbox_id, created_at) VALUES (1, 'rappel', '2026-12-03 08:00:00.000000', "
            f"'2026-12-02 08:00:00.000000', 'planned', NULL, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO sms_templates (kind, body, updated_at) VALUES ('rappel', "
            f"'RDV le {{date}} à {{heure}}. {{entreprise}}', '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO outbox (id, channel, kind, state, message_id, account_id, sender, "
            "recipients, to_display, subject, body, headers, attempts, next_attempt_at, "
            "last_error, last_error_params, server_reply, document_id, client_id, created_by, "
            "created_at, updated_at, sent_at) VALUES (3, 'sms', 'campagne', 'pending', "
            "'<c3@extradesk.invalid>', NULL, NULL, "
            "'{\"to\": [\"+33612345678\"], \"cc\": [], \"bcc\": []}', '+33612345678', "
            "NULL, 'Promo hiver -10 % STOP au 36111', NULL, 0, '2026-11-30 07:00:00.000000', "
            f"NULL, NULL, NULL, NULL, 1, 1, '{now}', '{now}', NULL)")
        conn.exec_driver_sql(
            "INSERT INTO sms_campaigns (id, name, text, target, send_at, segments, encoding, "
            "price_per_segment, recipients, excluded, created_by, created_at) VALUES (1, "
            "'Hiver', 'Promo hiver -10 % STOP au 36111', '{\"place_prefix\": \"69\"}', "
            f"'2026-11-30 07:00:00.000000', 1, 'gsm7', '0.045', 1, 1, 1, '{now}')")
        conn.exec_driver_sql(
            "INSERT INTO sms_campaign_recipients (outbox_id, campaign_id, client_id) "
            "VALUES (3, 1, 1)")
        conn.exec_driver_sql(
            "INSERT INTO quote_followups (document_id, at, channel, text, outbox_id, user_id) "
            f"VALUES (1, '{now}', 'sms', 'Bonjour Mme Dupont, avez-vous pu étudier notre "
            "devis ?', NULL, 1)")


def _add_usage(ctx) -> None:
    """Raw SQL in the 0013 shape: user 1 searched `**` twice, the CLI ran one export."""
    now = "2026-11-28 09:00:00.000000"
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO usage_events (id, user_id, what, count, first_at, last_at) VALUES "
            f"(1, 1, 'search.documents', 2, '{now}', '{now}'), "
            f"(2, NULL, 'export.ca-journal', 1, '{now}', '{now}')")


def _add_depots(ctx) -> None:
    """Raw SQL in the 0018 shape: a second depot; the quote (document 1) leaves from it."""
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO depots (label, position, active) "
                             "VALUES ('Dépôt Annecy', 2, 1)")
        conn.exec_driver_sql("UPDATE documents SET depot_id = 2 WHERE id = 1")


def main() -> int:
    target = FOLDER / f"{head_revision()}.sqlite3"
    target.unlink(missing_ok=True)
    ctx, _ = open_context(target, clock=FixedClock(datetime(2026, 11, 28, 9, tzinfo=UTC)))
    ctx.user_id = users.ensure_a_user(ctx)
    helene, _ = clients.create_client(ctx, ClientInput(
        last_name="Dupont", first_name="Hélène", billing_postal_code="69003",
        billing_city="Lyon", phone_mobile="0612345678", email="helene@exemple.fr", status_id=3))
    ouvrages.add_ouvrage(ctx, helene, data=OuvrageInput(name="Piscine 8×4", type_id=1))
    clients.create_client(ctx, ClientInput(company="Camping du Lac", billing_city="Annecy",
                                           billing_postal_code="74000"))
    if "documents" in metadata.tables:  # schema 0002 and later
        _add_documents(ctx, helene)
    if "appointments" in metadata.tables:  # schema 0004 and later
        with ctx.db.engine.begin() as conn:
            add_appointments(conn)
    if "articles" in metadata.tables:  # schema 0005 and later
        _add_articles(ctx)
    if "catalogue_lines" in metadata.tables:  # schema 0006 and later
        _add_catalogue(ctx)
    if "outbox" in metadata.tables:  # schema 0009 and later
        _add_mail(ctx)
    if "payments" in metadata.tables:  # schema 0010 and later
        _add_payments(ctx)
    if "sms_settings" in metadata.tables:  # schema 0011 and later
        _add_sms(ctx)
    if "usage_events" in metadata.tables:  # schema 0013 and later
        _add_usage(ctx)
    if "article_id" in metadata.tables["document_lines"].c:  # schema 0017 and later
        _add_article_line(ctx)
    if "depots" in metadata.tables:  # schema 0018 and later
        _add_depots(ctx)
    ctx.db.dispose()
    with sqlite3.connect(target) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    with sqlite3.connect(target) as conn:
        conn.execute("VACUUM")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
