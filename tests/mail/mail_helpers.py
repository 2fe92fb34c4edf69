"""Helpers of the mail tests (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import sqlite3

import smtp_server
from extradesk.services.articles import edit as articles
from extradesk.services.articles import notices
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.mail import accounts


def quote_with_notices(ctx, client_id: int, tmp_path, *, notice_bytes=(b"%PDF-1.4 montage",
                                                                        b"%PDF-1.4 garantie")):
    """A quote whose pump line is an article with two technical notices."""
    pump, _ = articles.create_article(ctx, ArticleInput(
        code="W1245ER", label="Pompe de filtration 1 CV", sale_price="690"))
    names = ("Notice de montage été.pdf", "Garantie pompe.pdf")
    for name, data in zip(names, notice_bytes, strict=True):
        path = tmp_path / name
        path.write_bytes(data)
        notices.attach(ctx, pump, source=path)
    quote, _ = documents.create_quote(ctx, client_id, subject="Filtration piscine")
    lines.add_line(ctx, quote, data=LineInput(code="W1245ER", label="Pompe de filtration 1 CV",
                                              quantity="1", unit_price="690", vat_rate="20"))
    lines.add_line(ctx, quote, data=LineInput(label="Pose et mise en service", quantity="1",
                                              unit_price="350", vat_rate="10"))
    return quote


def outbox_rows(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT id, state, attempts, last_error, message_id FROM outbox "
                            "ORDER BY id").fetchall()


def account_input(server, **overrides) -> accounts.AccountInput:
    values = {"host": server.host, "port": server.port, "security": server.security,
              "sender_address": "contact@piscines-azur.fr", "sender_name": "Piscines Azur",
              "login": smtp_server.LOGIN if server.security != "none" else None}
    values.update(overrides)
    return accounts.AccountInput(**values)
