"""Reading a big price file in parts, in child processes: the same rows and problems as
one read, in file order, whatever the cut; a cut inside a quoted field, a dead child, a
refusal in a child, a cancel."""

import sqlite3
import sys

import pytest

from extradesk.core.errors import ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.catalogues import parse
from extradesk.services.catalogues import read as reader

MAPPING = {"ref": 0, "label": 1, "purchase_price": 2}


def write_catalogue(path, rows=3000, multiline_every=0, bad_every=0):
    """A cp1252 file with accents, blank lines, quoted ';', and optionally labels that
    span lines and bad prices."""
    with path.open("w", encoding="cp1252", newline="") as f:
        f.write("Référence;Désignation;Prix achat\r\n")
        for i in range(rows):
            label = f"Coude laiton mâle n°{i}"
            if multiline_every and i % multiline_every == 0:
                label = f'"Raccord ; à visser\r\nsur deux lignes {i}"'
            price = "douze" if bad_every and i % bad_every == 7 else f"{i % 900},{i % 100:02d}"
            f.write(f"R-{i:05d};{label};{price}\r\n")
            if i % 500 == 250:
                f.write("\r\n")
    return path


def rows_of(result):
    out = []
    for file in result.files:
        with sqlite3.connect(file) as scratch:
            out += scratch.execute(f"SELECT * FROM {reader.TABLE} ORDER BY rowid").fetchall()
    return out


def read(path, folder, parts, **kwargs):
    fmt = parse.sniff(path).format
    return reader.read(path, fmt, MAPPING, folder, strict=False, parts=parts, min_bytes=0,
                       **kwargs)


@pytest.mark.parametrize("multiline_every", [0, 7])
def test_parts_read_by_children_give_the_rows_of_one_read(tmp_path, multiline_every):
    path = write_catalogue(tmp_path / "tarif.csv", multiline_every=multiline_every,
                           bad_every=400)
    (tmp_path / "one").mkdir()
    (tmp_path / "three").mkdir()
    one = read(path, tmp_path / "one", parts=1)
    three = read(path, tmp_path / "three", parts=3)
    assert len(one.files) == 1
    assert len(three.files) == 3 or multiline_every  # a cut in a quoted field: read again
    assert rows_of(three) == rows_of(one)
    assert (three.lines, three.bad) == (one.lines, one.bad) == (3000 - 8, 8)
    assert three.problems == one.problems  # same lines named, in file order
    if not multiline_every:  # rows 7 and 407, after the header and a blank line
        assert [p.params["line"] for p in three.problems][:2] == [9, 410]


def write_around(path, rows, middle):
    """`rows` plain rows, the `middle` text, `rows` plain rows again (UTF-8)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("ref;libelle;prix\n")
        f.writelines(f"A{i};Article {i};{i},50\n" for i in range(rows))
        f.write(middle)
        f.writelines(f"C{i};Article {i};{i},50\n" for i in range(rows))
    return path


def test_a_cut_inside_a_quoted_field_reads_the_file_again_in_one_process(tmp_path):
    # One label of 400 lines in the middle of the file: the cut falls inside it.
    path = write_around(tmp_path / "tarif.csv", 200, 'B1;"' + "\n".join(
        f"ligne {n} ; du libellé" for n in range(400)) + '";9,99\n')
    (tmp_path / "two").mkdir()
    result = read(path, tmp_path / "two", parts=2)
    assert len(result.files) == 1  # read again whole
    rows = rows_of(result)
    assert len(rows) == 401 and result.bad == 0
    assert rows[200][1] == "B1" and rows[200][3].startswith("ligne 0 ; du libellé")
    assert rows[201][0] == 200 + 2 + 400  # line numbers stay those of the file


@pytest.mark.parametrize("dies", ["at_once", "after_its_arguments"])
def test_a_child_that_dies_sends_the_reading_back_here(tmp_path, monkeypatch, caplog, dies):
    path = write_catalogue(tmp_path / "tarif.csv")
    script = ("import sys; " + ("sys.stdin.buffer.read(); " if dies != "at_once" else "")
              + "sys.stderr.write('plus de mémoire'); sys.exit(3)")
    monkeypatch.setattr(reader, "child_command", lambda: [sys.executable, "-c", script])
    (tmp_path / "x").mkdir()
    result = read(path, tmp_path / "x", parts=2)
    assert len(result.files) == 1 and result.lines == 3000
    assert "exit code 3; plus de mémoire" in caplog.text


def test_a_refusal_in_a_child_names_the_line_of_the_file(tmp_path):
    path = write_around(tmp_path / "tarif.csv", 3000,
                        "Z1;" + "x" * (2 * parse.MAX_LINE_BYTES + 10) + ";1\n")  # line 3002
    (tmp_path / "x").mkdir()
    with pytest.raises(ValidationError) as caught:
        read(path, tmp_path / "x", parts=2)
    assert caught.value.problems[0].params["line"] == 3002
    assert "3002" in error_text(caught.value)


def test_cancel_stops_every_child(tmp_path):
    path = write_catalogue(tmp_path / "tarif.csv", rows=60_000)
    seen = []
    (tmp_path / "x").mkdir()
    with pytest.raises(parse.Cancelled):
        read(path, tmp_path / "x", parts=2, progress=lambda done, total: seen.append(done),
             cancelled=lambda: bool(seen))
    assert seen and seen[-1] < path.stat().st_size


def test_small_files_are_read_here(tmp_path):
    path = write_catalogue(tmp_path / "tarif.csv", rows=50)
    fmt = parse.sniff(path).format
    (tmp_path / "x").mkdir()
    result = reader.read(path, fmt, MAPPING, tmp_path / "x", strict=True, parts=4)
    assert len(result.files) == 1 and result.lines == 50


def test_the_child_command_runs_this_module(tmp_path):
    command = reader.child_command()
    assert command[-1] == reader.CHILD_FLAG and "extradesk.services.catalogues.read" in command


@pytest.mark.sqlite_only
def test_an_import_read_in_parts_is_published_in_file_order(ctx, tmp_path, monkeypatch):
    from extradesk.services.catalogues import importing as imports
    from extradesk.services.catalogues import lookup as catalogue

    monkeypatch.setattr(reader, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(reader, "default_parts", lambda: 3)
    path = write_catalogue(tmp_path / "tarif.csv", rows=5000)
    supplier = catalogue.supplier_by_name(ctx, "Aqua Distribution")
    staged, _ = imports.import_file(ctx, supplier, path=path, columns=MAPPING)
    assert (staged.lines, staged.skipped) == (5000, 0)
    with ctx.db.engine.connect() as conn:
        refs = [r[0] for r in conn.exec_driver_sql(
            "SELECT ref FROM catalogue_lines ORDER BY id")]
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM catalogue_lines ORDER BY id")]
        indexed = conn.exec_driver_sql("SELECT count(*) FROM catalogue_fts_tri").scalar()
    assert refs == [f"R-{i:05d}" for i in range(5000)]
    assert ids == list(range(ids[0], ids[0] + 5000)) and indexed == 5000
    [hit] = catalogue.search_labels(ctx, "male n°4999")
    assert hit.ref == "R-04999"
    scratch = ctx.db.sqlite_path.parent / "tmp"
    assert scratch.is_dir() and not list(scratch.iterdir())  # the scratch files are gone


def test_a_utf16_file_is_read_whole_in_one_process(tmp_path):
    cp1252 = write_catalogue(tmp_path / "tarif.csv", rows=3000, multiline_every=7)
    path = tmp_path / "unicode.txt"
    path.write_bytes(cp1252.read_bytes().decode("cp1252").encode("utf-16"))
    (tmp_path / "one").mkdir()
    (tmp_path / "four").mkdir()
    expected = read(cp1252, tmp_path / "one", parts=1)
    result = read(path, tmp_path / "four", parts=4)
    assert parse.sniff(path).format.encoding == "utf-16"
    assert len(result.files) == 1 and result.lines == expected.lines == 3000
    assert rows_of(result) == rows_of(expected)
