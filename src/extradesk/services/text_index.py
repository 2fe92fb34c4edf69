"""The search tables on PostgreSQL: the questions the FTS5 MATCH queries ask on SQLite,
asked of the pg_trgm-indexed `text` column of the same tables (db/pg_ddl.search_table).

Both backends index the same folded text (core.search_text.fold, done in Python); FTS5's
trigram phrase is a substring (`LIKE '%x%'`), and its `"w"*` word prefix is a regex anchored
after a non-alphanumeric character, as core.search_text.words cuts words. pg_trgm's GIN index
serves both (for 3+ characters; shorter ones scan the small search table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, text


def is_postgresql(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def contains(token: str) -> tuple[str, str]:
    """The clause for "the text contains `token`"."""
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "LIKE", f"%{escaped}%"


def word_prefix(word: str) -> tuple[str, str]:
    """The clause for "a word of the text starts with `word`" (FTS5 `"word"*`)."""
    return "~", "(^|[^0-9a-z])" + re.escape(word)


def whole_word(word: str) -> tuple[str, str]:
    """The clause for "the text has the word `word`" (FTS5 `"word"`)."""
    return "~", "(^|[^0-9a-z])" + re.escape(word) + "($|[^0-9a-z])"


def match_ids(conn: Connection, table: str, clauses: Sequence[Sequence[tuple[str, str]]],
              limit: int) -> list[int]:
    """Row ids of `table` whose text satisfies every clause; a clause is a list of
    alternatives (OR), each from contains() / word_prefix() / whole_word().

    `table` is one of ours (a constant), never user input; the patterns are bound."""
    where, params = [], {"n": int(limit)}
    for c, alternatives in enumerate(clauses):
        parts = []
        for a, (operator, pattern) in enumerate(alternatives):
            name = f"p{c}_{a}"
            params[name] = pattern
            parts.append(f"text {operator} :{name}")
        where.append("(" + " OR ".join(parts) + ")")
    if not where:
        return []
    sql = f"SELECT rowid FROM {table} WHERE {' AND '.join(where)} LIMIT :n"
    return [int(i) for i in conn.execute(text(sql), params).scalars()]
