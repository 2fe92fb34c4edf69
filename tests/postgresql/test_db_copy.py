"""`extradesk db init` and `db copy`: the 2,000-client demo moved onto a PostgreSQL server."""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest
from reportlab import rl_config
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from db_read import read
from extradesk.cli import main
from extradesk.services import search
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput
from extradesk.services.shared_db import SEARCH_TABLES


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    if os.environ.get("EXTRADESK_TEST_DEMO_COPY"):  # while working on this file: a made one
        shutil.copy(os.environ["EXTRADESK_TEST_DEMO_COPY"], path)
        return path
    assert main(["demo", "--clients", "2000", "--seed", "1", "--db", str(path)]) == 0
    return path


def _url(server, name: str) -> str:
    return f"postgresql://postgres@127.0.0.1:{server.port}/{name}"  # as a user types it


def _tables(target) -> list[str]:
    if str(target).endswith(".sqlite3"):
        rows = read(target, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                            "LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != "
                            "'alembic_version'")
    else:
        rows = read(target, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                            "AND tablename NOT LIKE '%fts%' AND tablename != 'alembic_version'")
    return sorted(r[0] for r in rows)


def _counts(target, tables) -> dict[str, int]:
    return {t: read(target, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def test_the_demo_moves_to_the_server_with_every_count_equal(demo_file, pg_server, tmp_path,
                                                             monkeypatch, capsys):
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    name = pg_server.create_database(prefix="copy")
    url = pg_server.url(name)
    assert main(["db", "init", "--db", _url(pg_server, name)]) == 0
    assert "Base créée au schéma" in capsys.readouterr().out
    assert main(["db", "copy", "--from", str(demo_file), "--to", _url(pg_server, name)]) == 0
    out = capsys.readouterr().out.replace("\u202f", " ")
    assert "clients : 2 000 lignes" in out and "Copie terminée" in out
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before  # only read

    tables = _tables(demo_file)
    assert _tables(url) == tables
    source = _counts(demo_file, tables)
    assert source["clients"] == 2000 and source["documents"] > 2000
    assert source["document_pdfs"] > 0 and source["article_notices"] > 0
    assert _counts(url, tables) == source
    for index in SEARCH_TABLES:
        assert read(url, f"SELECT count(*) FROM {index}") == read(
            demo_file, f"SELECT count(*) FROM {index}")
    # Stored PDFs and notices' references came over byte for byte.
    assert read(url, "SELECT document_id, pdf FROM document_pdfs ORDER BY document_id") == \
        read(demo_file, "SELECT document_id, pdf FROM document_pdfs ORDER BY document_id")
    notices = "SELECT article_id, attachment_id, name FROM article_notices ORDER BY 1, 2"
    assert read(url, notices) == read(demo_file, notices)
    stored = "SELECT id, sha256, size FROM attachments ORDER BY id"  # files by content hash
    assert read(url, stored) == read(demo_file, stored)

    # A quote printed from either base is the same file (reportlab's dates and id made
    # invariant: they are the only bytes that change between two prints of one base).
    monkeypatch.setattr(rl_config, "invariant", 1)
    [quote] = read(demo_file, "SELECT number FROM documents WHERE kind = 'devis' "
                              "ORDER BY id LIMIT 1")[0]
    [invoice] = read(demo_file, "SELECT number FROM documents WHERE kind = 'facture' AND "
                                "number IS NOT NULL ORDER BY id LIMIT 1")[0]
    for number in (quote, invoice):
        here, there = tmp_path / f"{number}-sqlite.pdf", tmp_path / f"{number}-pg.pdf"
        assert main(["print", number, "--db", str(demo_file), "-o", str(here)]) == 0
        assert main(["print", number, "--db", url, "-o", str(there)]) == 0
        assert here.read_bytes() == there.read_bytes(), number

    ctx, _ = open_context(url)
    try:  # the server base is in working order: new ids follow, search finds, guards hold
        [[last_id]] = read(url, "SELECT max(id) FROM clients")
        new_id, _ = clients.create_client(ctx, ClientInput(last_name="Zyxwvut"))
        assert new_id == last_id + 1
        assert [h.id for h in search.search(ctx, "zyxwv").hits] == [new_id]
        [[demo_name]] = read(url, "SELECT last_name FROM clients WHERE last_name IS NOT NULL "
                                  "ORDER BY id LIMIT 1")
        assert search.search(ctx, demo_name.lower()).hits
    finally:
        ctx.db.dispose()
    engine = create_engine(url)
    try:
        with pytest.raises(IntegrityError, match="frozen"), engine.begin() as conn:
            conn.execute(text("UPDATE documents SET net = net + 1 WHERE number = :n"),
                         {"n": invoice})
    finally:
        engine.dispose()

    # A second copy into the same base is refused, in French, and changes nothing.
    assert main(["db", "copy", "--from", str(demo_file), "--to", _url(pg_server, name)]) == 2
    assert "n'est pas vide" in capsys.readouterr().err
    assert _counts(url, ["clients"]) == {"clients": 2001}


def test_bad_sources_and_targets_are_refused_in_french(pg_server, tmp_path, capsys):
    name = pg_server.create_database(prefix="copy")
    assert main(["db", "copy", "--from", str(tmp_path / "absent.sqlite3"),
                 "--to", _url(pg_server, name)]) == 2
    assert "introuvable" in capsys.readouterr().err
    local = tmp_path / "local.sqlite3"
    ctx, _ = open_context(local)
    ctx.db.dispose()
    assert main(["db", "copy", "--from", str(local), "--to", str(tmp_path / "b.sqlite3")]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
