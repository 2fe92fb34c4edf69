"""`make run` names the system libraries Qt's X11 plugin lacks, with one apt-get line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging_support import ROOT, load_installer_module

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibglib-2.0.so.0 => /lib/x86_64-linux-gnu/libglib-2.0.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibfoo-unknown.so.9 => not found
"""


def test_the_missing_libraries_become_one_install_line(check_qt_libs):
    missing = check_qt_libs.missing_sonames(LDD_MISSING)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libfoo-unknown.so.9"]
    assert check_qt_libs.install_line(missing) == (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libfoo-unknown.so.9")
    # glib and gthread come in one package: named once.
    assert check_qt_libs.install_line(["libglib-2.0.so.0", "libgthread-2.0.so.0"]) \
        == "sudo apt-get install libglib2.0-0"


def test_libraries_ldd_never_reached_are_added_when_the_cache_lacks_them(check_qt_libs):
    cache = ("\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-cursor.so.0\n"
             "\tlibGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libGL.so.1\n")
    unknown = check_qt_libs.unknown_to_linker(["libxcb-cursor.so.0", "libGL.so.1",
                                               "libxcb-image.so.0"], cache)
    assert unknown == ["libxcb-image.so.0"]


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, (True, False)),
    ({"QT_QPA_PLATFORM": "offscreen"}, (False, False)),
    ({"QT_QPA_PLATFORM": "wayland"}, (False, False)),
    ({"QT_QPA_PLATFORM": "xcb"}, (True, False)),
    ({"QT_QPA_PLATFORM": "xcb:display=:1"}, (True, False)),
    ({"WAYLAND_DISPLAY": "wayland-0"}, (True, True)),
    ({"XDG_SESSION_TYPE": "wayland"}, (True, True)),
])
def test_xcb_is_checked_only_when_qt_would_use_it(check_qt_libs, environ, expected):
    assert check_qt_libs.uses_xcb(environ) == expected


def _fake_system(monkeypatch, check_qt_libs, ldd_output):
    monkeypatch.setattr(check_qt_libs, "xcb_plugin", lambda: Path("/x/libqxcb.so"))
    monkeypatch.setattr(check_qt_libs, "run_ldd", lambda _path: ldd_output)
    monkeypatch.setattr(check_qt_libs, "run_ldconfig", lambda: "")
    monkeypatch.setattr(check_qt_libs.sys, "platform", "linux")


def test_a_missing_library_stops_make_run_with_the_command_in_french(
        monkeypatch, capsys, check_qt_libs):
    _fake_system(monkeypatch, check_qt_libs, LDD_MISSING)
    assert check_qt_libs.main({"DISPLAY": ":0"}) == 1
    err = capsys.readouterr().err
    assert "bibliothèques système manquantes pour l'affichage X11 de Qt (xcb)" in err
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in err
    assert "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in err


def test_wayland_only_warns_and_offscreen_or_nothing_missing_is_silent(
        monkeypatch, capsys, check_qt_libs):
    _fake_system(monkeypatch, check_qt_libs, LDD_MISSING)
    assert check_qt_libs.main({"WAYLAND_DISPLAY": "wayland-0"}) == 0
    assert "Qt utilisera Wayland" in capsys.readouterr().err
    assert check_qt_libs.main({"QT_QPA_PLATFORM": "offscreen"}) == 0
    assert capsys.readouterr().err == ""
    _fake_system(monkeypatch, check_qt_libs, LDD_MISSING.replace("not found", "/lib/x.so"))
    assert check_qt_libs.main({"DISPLAY": ":0"}) == 0
    assert capsys.readouterr().err == ""


def test_every_system_library_the_real_xcb_plugin_links_has_its_debian_package(check_qt_libs):
    """Against the installed PySide6: what libqxcb.so and Qt's xcb and GUI libraries load
    from the system is all in the table, so the printed line names real packages."""
    plugin = check_qt_libs.xcb_plugin()
    if plugin is None:
        pytest.skip("PySide6's libqxcb.so is not installed (not Linux?)")
    trim = load_installer_module("bundle_trim")
    qt_lib = plugin.parents[2] / "lib"
    base = re.compile(r"^(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|ld-linux"
                      r"|libz|libzstd)\.")
    system: set[str] = set()
    for library in (plugin, qt_lib / "libQt6XcbQpa.so.6", qt_lib / "libQt6Gui.so.6"):
        system |= {name for name in trim.elf_needed(library)
                   if not (qt_lib / name).exists() and not base.match(name)}
    assert system, "no system library found: the ELF reader is broken"
    assert system - set(check_qt_libs.DEBIAN_PACKAGES) == set()


def test_make_run_checks_before_starting():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    lines = [line.strip() for line in run.splitlines()[1:]]
    assert lines == ["$(BIN)/python installer/check_qt_libs.py", "$(BIN)/extradesk"]
