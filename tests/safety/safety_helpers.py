"""Shared by the data-safety tests."""

import sqlite3


def scramble(path, pages=(3, 5, 8)) -> None:
    """Overwrite whole pages with garbage, as a failing disk or a bad copy does."""
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(bytes((i * 37 + page) % 251 for i in range(size)))


def root_page(path, table: str) -> int:
    """The page number of a table's b-tree root: scrambling it damages that table only."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
