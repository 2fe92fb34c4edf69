"""Articles already in the base are found by their code and supplier reference without
dashes, dots and spaces (`*poe08` finds POE-08): their search text is written again the way
services.articles.index writes it since 2026-12-05.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from extradesk.core.catalogue_text import normalise_ref
from extradesk.core.search_text import fold

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("article_fts_tri", "article_fts_word")


def _text(code: str | None, label: str | None, supplier_ref: str | None) -> str:
    # Frozen copy of services.articles.index.search_text as of this revision.
    parts = [fold(code), fold(label), fold(supplier_ref)]
    parts += [key for key in (normalise_ref(fold(code)), normalise_ref(fold(supplier_ref)))
              if key not in parts]
    return " ".join(f for f in parts if f)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":  # one pg_trgm table (0005), same folded text
        rows = [{"i": i, "t": _text(code, label, ref)} for i, code, label, ref
                in bind.execute(sa.text("SELECT id, code, label, supplier_ref FROM articles"))]
        if rows:
            bind.execute(sa.text("UPDATE article_fts_tri SET text = :t WHERE rowid = :i"), rows)
        return
    raw = op.get_bind().connection.driver_connection
    rows = [(i, _text(code, label, ref)) for i, code, label, ref
            in raw.execute("SELECT id, code, label, supplier_ref FROM articles")]
    for table in TABLES:
        raw.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i, _t in rows])
        raw.executemany(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", rows)


def downgrade() -> None:
    pass  # the longer text finds everything the shorter one did
