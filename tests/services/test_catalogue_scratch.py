"""Scratch folders of catalogue imports: the ones a killed import left are removed at the
next import (whatever their age), the ones of a running import never."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.catalogues import scratch

AQUA = "Référence;Désignation;Prix achat HT\nW1245ER;Pompe;412,00\n"

KILLED_IMPORT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from extradesk.services.catalogues import scratch
    with scratch.scratch_folder(Path(sys.argv[1])) as folder:
        (folder / "whole.sqlite3").write_bytes(b"x" * 1000)
        print(folder, flush=True)
        os._exit(9)  # as a kill: no clean-up runs
""")


def killed_import_folder(base):
    done = subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(base)],
                          capture_output=True, text=True, env={**os.environ}, check=False)
    assert done.returncode == 9, done.stderr
    return Path(done.stdout.strip())


@pytest.mark.sqlite_only
def test_a_killed_import_leaves_a_folder_the_next_import_removes(ctx, tmp_path):
    base = ctx.db.sqlite_path.parent / "tmp"
    left = killed_import_folder(base)
    assert left.is_dir() and left.parent == base  # a minute old: no age rule would take it
    assert not scratch.in_use(left)
    path = tmp_path / "tarif.csv"
    path.write_bytes(AQUA.encode("cp1252"))
    imports.import_file(ctx, catalogue.supplier_by_name(ctx, "Aqua"), path=path)
    assert not left.exists()
    assert list(base.iterdir()) == []  # its own went too


def test_the_folder_of_a_running_import_is_left_alone(tmp_path):
    base = tmp_path / "tmp"
    with scratch.scratch_folder(base) as running:
        (running / "part-0.sqlite3").write_bytes(b"rows")
        assert scratch.in_use(running)
        with scratch.scratch_folder(base) as other:  # a second import meanwhile
            assert running.is_dir() and other != running
        assert (running / "part-0.sqlite3").read_bytes() == b"rows"
    assert not running.exists()


def test_a_folder_being_created_is_left_alone_an_old_bare_one_removed(tmp_path):
    base = tmp_path / "tmp"
    base.mkdir()
    starting = base / "catalogue-new"
    starting.mkdir()  # mkdtemp done, OWNER not yet there
    bare_old = base / "catalogue-old"
    bare_old.mkdir()
    (bare_old / "whole.sqlite3").write_bytes(b"x")
    hour_ago = bare_old.stat().st_mtime - 3600
    os.utime(bare_old, (hour_ago, hour_ago))
    assert scratch.remove_leftovers(base) == [bare_old]
    assert starting.is_dir()
