"""Issued documents are protected by the database itself and chained by hash; `verify`
names the first document altered behind the application's back (issue 11)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from extradesk.cli import main
from extradesk.services.context import open_context
from extradesk.services.documents import chain, conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"


def _issued(ctx, client_id, amount: str) -> tuple[int, str]:
    invoice, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, invoice, data=LineInput(label="Entretien", unit_price=amount,
                                                vat_rate="20"))
    number, _ = issuing.issue_document(ctx, invoice)
    return invoice, number


@pytest.fixture
def issued(business, helene):
    made = [_issued(business, helene, amount) for amount in ("100", "250", "80")]
    credit, _ = conversions.credit_note(business, made[0][0])
    issuing.issue_document(business, credit)
    return made


def _driver_sql(ctx, statement: str) -> str:
    """SQLite's text of a statement, as the driver of `ctx`'s backend wants it."""
    if ctx.db.is_sqlite:
        return statement
    return (statement.replace("?", "%s").replace("x'00'", "'\\x00'::bytea")
            .replace("x'25504446'", "'\\x25504446'::bytea"))


def _sql(ctx, statement: str, *params, tamper: bool = False):
    """Straight to the driver, behind the services' back; `tamper`: with the guards off."""
    if ctx.db.is_sqlite:
        with sqlite3.connect(ctx.db.sqlite_path) as conn:
            triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = "
                                    "'trigger'").fetchall() if tamper else []
            for name, _sql_text in triggers:
                conn.execute(f"DROP TRIGGER {name}")
            rows = conn.execute(statement, params).fetchall()
            for _name, sql_text in triggers:
                conn.execute(sql_text)
            return rows
    raw = ctx.db.engine.raw_connection()
    tables = ("documents", "document_lines", "document_pdfs", "issued_chain")
    try:
        cursor = raw.cursor()
        for table in tables if tamper else ():
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(_driver_sql(ctx, statement), params)
        rows = cursor.fetchall() if cursor.description else []
        for table in tables if tamper else ():
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        raw.commit()
        return rows
    except Exception:
        raw.rollback()
        raise
    finally:
        raw.close()


try:  # the database's refusal, on either backend
    import psycopg

    REFUSED: tuple = (sqlite3.IntegrityError, psycopg.IntegrityError)
except ImportError:
    REFUSED = (sqlite3.IntegrityError,)


@pytest.mark.parametrize("statement", [
    "UPDATE documents SET net = net + 100 WHERE id = ?",
    "UPDATE documents SET number = 'F-2026-09999' WHERE id = ?",
    "UPDATE documents SET subject = 'autre' WHERE id = ?",
    "DELETE FROM documents WHERE id = ?",
    "UPDATE document_lines SET unit_price = 1 WHERE document_id = ?",
    "DELETE FROM document_lines WHERE document_id = ?",
    "INSERT INTO document_lines (document_id, position, kind, label, discount) "
    "VALUES (?, 9, 'article', 'ajout', 0)",
    "UPDATE document_pdfs SET pdf = x'00' WHERE document_id = ?",
    "DELETE FROM document_pdfs WHERE document_id = ?",
    "DELETE FROM issued_chain WHERE document_id = ?",
    "UPDATE issued_chain SET chain_hash = 'x' WHERE document_id = ?",
])
def test_the_database_refuses_to_change_an_issued_document(issued, business, statement):
    invoice = issued[1][0]
    with pytest.raises(REFUSED, match="issued document is frozen"):
        _sql(business, statement, invoice)


def test_payment_states_and_classification_may_still_change(issued, business):
    invoice = issued[1][0]
    _sql(business, "UPDATE documents SET status = 'payee', version = version + 1, "
                   "journal_id = NULL WHERE id = ?", invoice)
    assert chain.verify(business).ok


def test_verify_recomputes_the_chain(issued, business):
    report = chain.verify(business)
    assert report.ok and report.checked == 4


def _tamper(ctx, statement: str, *params) -> None:
    """What someone with a database editor can do: drop the guard, change, put it back."""
    _sql(ctx, statement, *params, tamper=True)


def test_a_hand_altered_invoice_is_named(issued, business):
    invoice, number = issued[1]
    _tamper(business, "UPDATE documents SET gross = gross - 1000 WHERE id = ?", invoice)
    report = chain.verify(business)
    assert (report.broken_number, report.reason) == (number, "chain.altered")


def test_a_replaced_pdf_or_a_removed_link_is_found(issued, business):
    invoice, number = issued[2]
    _tamper(business, "UPDATE document_pdfs SET pdf = x'25504446' WHERE document_id = ?",
            invoice)
    assert chain.verify(business).broken_number == number
    _tamper(business, "UPDATE document_pdfs SET pdf = (SELECT pdf FROM document_pdfs "
                      "WHERE document_id = ?) WHERE document_id = ?", issued[0][0], invoice)
    _tamper(business, "DELETE FROM issued_chain WHERE document_id = ?", issued[1][0])
    report = chain.verify(business)
    assert report.reason == "chain.order" and report.broken_number == number


def test_verify_from_the_command_line(issued, business, capsys):
    path = business.db.sqlite_path or business.db.url
    assert main(["verify", "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip() == ("Chaîne des pièces émises intègre : "
                                               "4 pièces vérifiées.")
    _tamper(business, "UPDATE documents SET net = 1 WHERE id = ?", issued[0][0])
    assert main(["verify", "--db", str(path)]) == 3
    out = capsys.readouterr().out
    assert f"La pièce {issued[0][1]} a été modifiée après son émission" in out


def test_documents_issued_before_the_chain_are_chained_by_the_upgrade(tmp_path, clock):
    copy = tmp_path / "0007.sqlite3"
    shutil.copy(SCHEMAS / "0007.sqlite3", copy)
    ctx, report = open_context(copy, clock=clock)
    assert report.before == "0007"
    assert chain.verify(ctx).ok and chain.verify(ctx).checked == 1
    ctx.db.dispose()


def test_a_pdf_stored_at_the_first_print_of_an_old_invoice_keeps_the_chain(tmp_path, clock):
    """0007's fixture has an issued invoice; chained by the upgrade with the PDF it had then.
    A PDF stored after (first print of a document issued before PDFs were kept) does not
    break its link."""
    copy = tmp_path / "0007.sqlite3"
    shutil.copy(SCHEMAS / "0007.sqlite3", copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM document_pdfs")  # as the old demo left them
    ctx, _ = open_context(copy, clock=clock)
    assert chain.verify(ctx).ok
    number = _sql(ctx, "SELECT number FROM documents WHERE issued_at IS NOT NULL")[0][0]
    documents.render_pdf(ctx, documents.find_by_number(ctx, number))  # stores it
    assert _sql(ctx, "SELECT count(*) FROM document_pdfs")[0][0] == 1
    assert chain.verify(ctx).ok
    ctx.db.dispose()
