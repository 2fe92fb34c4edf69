"""Schema life cycle: create, upgrade every shipped fixture, back up before upgrading, refuse."""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extradesk.core.errors import StorageError
from extradesk.db import migrate
from extradesk.db.engine import open_database
from extradesk.i18n.messages import error_text
from extradesk.services import search
from extradesk.services.clients import records as clients
from extradesk.services.context import Context, open_context

FIXTURES = sorted((Path(__file__).parents[1] / "data" / "schemas").glob("*.sqlite3"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(path: Path) -> list[str]:
    """Schema and rows as SQL: a backup holds the same content, not the same bytes."""
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_a_new_database_is_created_at_head_with_durable_pragmas(db_path):
    ctx, report = open_context(db_path)
    assert (report.before, report.after, report.backup) == (None, migrate.head_revision(), None)
    with ctx.db.engine.connect() as conn:
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "busy_timeout": 10_000}
    again = migrate.prepare(ctx.db)
    assert again.before == again.after and again.backup is None


def test_there_is_a_fixture_for_the_current_schema():
    assert f"{migrate.head_revision()}.sqlite3" in {f.name for f in FIXTURES}


def test_the_fast_head_constant_is_alembics_head():
    """prepare() skips alembic when the database is at HEAD: HEAD must be the real head."""
    assert migrate.head_revision() == migrate.HEAD


def test_an_up_to_date_database_opens_without_importing_alembic(db_path):
    open_context(db_path)[0].db.dispose()  # created and migrated at head
    code = ("import sys; from extradesk.services.context import open_context; "
            f"open_context({str(db_path)!r})[0].db.dispose(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_shipped_schema_upgrades_and_keeps_its_data(fixture, tmp_path):
    path = tmp_path / "client-db.sqlite3"
    shutil.copy(fixture, path)
    ctx, report = open_context(path)
    assert report.before == fixture.stem and report.after == migrate.head_revision()
    if report.before != report.after:
        assert report.backup is not None and content(report.backup) == content(fixture)
    names = [r.name for r in clients.client_rows(ctx, clients.client_ids(ctx))]
    assert names == ["Camping du Lac", "DUPONT Hélène"]
    assert [h.label for h in search.search(ctx, "helene", mode="contains").hits] == [
        "DUPONT Hélène"]
    # Words inside the record come from the FTS indexes, rebuilt by some upgrades.
    assert [h.label for h in search.search(ctx, "lyon", mode="starts_with").hits] == [
        "DUPONT Hélène"]
    assert [h.label for h in search.search(ctx, "yon", mode="contains").hits] == [
        "DUPONT Hélène"]
    assert clients.get_client(ctx, 1).ouvrages[0].name == "Piscine 8×4"


def test_an_older_database_is_backed_up_then_upgraded(tmp_path, monkeypatch):
    """A next release adds a revision; a database at 0001 must be copied, then upgraded."""
    head = migrate.head_revision()
    following = f"{int(head) + 1:04d}"
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / f"{following}_test.py").write_text(
        'import sqlalchemy as sa\nfrom alembic import op\n'
        f'revision = "{following}"\ndown_revision = "{head}"\nbranch_labels = None\n'
        'depends_on = None\n'
        'def upgrade():\n    op.create_table("next_feature", sa.Column("id", sa.Integer,'
        ' primary_key=True))\n'
        'def downgrade():\n    op.drop_table("next_feature")\n',
        encoding="utf-8",
    )
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES[0], path)
    original = content(path)
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    monkeypatch.setattr(migrate, "HEAD", following)
    db = open_database(path)
    report = migrate.prepare(db)
    assert (report.before, report.after) == ("0001", following)
    assert report.backup.parent == tmp_path / "backups"
    assert content(report.backup) == original
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM next_feature").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM clients").fetchone() == (2,)
    assert clients.client_ids(Context(db=db))  # still usable


def test_a_newer_database_is_refused_untouched(db_path):
    ctx, _ = open_context(db_path)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    ctx.db.dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(db_path)
    with pytest.raises(StorageError) as caught:
        open_context(db_path)
    assert "version plus récente d'extradesk" in error_text(caught.value)
    assert "schéma 9999" in error_text(caught.value)
    assert digest(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_a_foreign_sqlite_file_or_garbage_is_refused(tmp_path):
    foreign = tmp_path / "compta.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE ecritures (id INTEGER)")
    with pytest.raises(StorageError) as caught:
        open_context(foreign)
    assert error_text(caught.value).startswith("Ce fichier n'est pas une base extradesk")
    garbage = tmp_path / "notes.txt"
    garbage.write_text("ceci n'est pas une base de données " * 200, encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        open_context(garbage)
    # Recognised before anything is written to it, like a foreign database.
    assert error_text(caught.value).startswith("Ce fichier n'est pas une base extradesk")


def test_bad_url_is_a_clear_error():
    with pytest.raises(StorageError) as caught:
        open_context("nosuchdriver://x/y")
    assert "Adresse de base de données invalide" in error_text(caught.value)


def test_articles_before_0012_are_found_by_their_code_without_dashes(tmp_path):
    """0011's fixture holds article W1245ER with supplier reference AQ-1245: after the
    upgrade `*aq1245` finds it (its search text was written before dashes were dropped)."""
    import shutil

    from extradesk.services import search

    path = tmp_path / "0011.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "schemas" / "0011.sqlite3", path)
    ctx, report = open_context(path)
    assert report.before == "0011"
    hits = search.search(ctx, "*aq1245", mode="contains").hits
    assert [h.label for h in hits if h.kind == "article"] == ["W1245ER — Pompe de filtration 1 CV"]
    ctx.db.dispose()


def test_lines_before_0015_learn_their_article_and_stay_frozen(tmp_path):
    """0014's quote line 2 and issued invoice line 4 are given the article's code (any case)
    by hand: the upgrade gives them the article, its family and its account; the issued
    invoice's lines are still refused any change afterwards."""
    import shutil

    path = tmp_path / "0014.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "schemas" / "0014.sqlite3", path)
    with sqlite3.connect(path) as raw:
        guard = raw.execute("SELECT sql FROM sqlite_master WHERE name = "
                            "'document_lines_frozen_update'").fetchone()[0]
        raw.execute("DROP TRIGGER document_lines_frozen_update")
        raw.execute("UPDATE document_lines SET code = 'w1245er' WHERE id = 2")
        raw.execute("UPDATE document_lines SET code = 'W1245ER' WHERE id = 4")
        raw.execute("UPDATE document_lines SET code = 'INCONNU' WHERE id = 3")
        raw.execute(guard)
    ctx, report = open_context(path)
    assert report.before == "0014"
    ctx.db.dispose()
    with sqlite3.connect(path) as raw:
        rows = raw.execute("SELECT id, article_id, family_name, account_code "
                           "FROM document_lines ORDER BY id").fetchall()
        assert rows == [(1, None, None, None), (2, 1, "Piscine", "707000"),
                        (3, None, None, None), (4, 1, "Piscine", "707000")]
        with pytest.raises(sqlite3.IntegrityError, match="frozen"):
            raw.execute("UPDATE document_lines SET account_code = '706000' WHERE id = 4")
