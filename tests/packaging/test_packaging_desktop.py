"""The desktop entry starts the application, names an icon that exists, and validates."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from packaging_support import APP_ID, LINUX, ROOT

from extradesk import __version__
from extradesk.cli import build_parser, gui

DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def capture_db(monkeypatch) -> dict:
    """app.main replaced: the database the GUI would open, without starting Qt."""
    from extradesk import app

    seen: dict = {}

    def main(db=None) -> int:
        seen["db"] = db
        return 0

    monkeypatch.setattr(app, "main", main)
    return seen


def exec_argv(field_value: str | None) -> list[str]:
    """The Exec line as a launcher runs it: %f is one file, or nothing at all."""
    argv = []
    for word in shlex.split(desktop_entry()["Exec"]):
        if word == "%f":
            if field_value is not None:
                argv.append(field_value)
        else:
            argv.append(word)
    assert argv[0] == "extradesk"
    return argv[1:]


@pytest.mark.parametrize("opened", [None, "/home/artisan/Documents/entreprise.sqlite3"])
def test_the_exec_line_is_understood_by_the_command_line(opened, monkeypatch):
    args = build_parser().parse_args(exec_argv(opened))
    assert args.handler is gui.run
    seen = capture_db(monkeypatch)
    assert gui.run(args) == 0
    assert seen["db"] == opened


def test_db_option_still_wins_over_an_opened_file(monkeypatch):
    seen = capture_db(monkeypatch)
    gui.run(build_parser().parse_args(["--db", "a.sqlite3", "gui", "b.sqlite3"]))
    assert seen["db"] == "a.sqlite3"


def test_the_icon_named_by_the_entry_and_the_metainfo_is_shipped():
    """The package installs resources/icons under the entry's Icon= name (build_deb.sh)."""
    icon = desktop_entry()["Icon"]
    assert icon == APP_ID
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("icon") == icon
    assert component.findtext("launchable") == DESKTOP.name
    icons = ROOT / "resources" / "icons"
    assert (icons / "extradesk.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    for size in (16, 32, 48, 64, 128, 256):
        assert (icons / f"extradesk-{size}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_metainfo_names_this_release():
    releases = ET.parse(METAINFO).getroot().find("releases")
    assert releases is not None
    assert releases[0].get("version") == __version__


@pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                    reason="desktop-file-validate is not installed (apt-get install "
                           "desktop-file-utils)")
def test_desktop_file_validate_accepts_the_entry():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"),
                    reason="appstreamcli is not installed (apt-get install appstream)")
def test_appstreamcli_validates_the_metainfo():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
