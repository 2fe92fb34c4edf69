"""What the PyInstaller bundle leaves out (installer/bundle_trim.py, used by the spec)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("dest", "kept"), [
    ("babel/locale-data/fr.dat", True),
    ("babel/locale-data/fr_FR.dat", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/en.dat", True),
    ("babel/locale-data/de.dat", False),
    ("babel/locale-data/fr_CA.dat", False),
    ("babel/global.dat", True),
    ("PySide6/Qt/translations/qtbase_fr.qm", True),
    ("PySide6/Qt/translations/qt_fr.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_help_fr.qm", False),
    ("phonenumbers/data/region_FR.pyi", False),
    ("extradesk/resources/fonts/DejaVuSans.ttf", True),
])
def test_data_in_french_only(bundle_trim, dest, kept):
    assert bundle_trim.keep_data(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", False),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/QtCore.abi3.so", True),
])
def test_only_the_qt_plugins_a_desktop_uses(bundle_trim, dest, kept):
    assert bundle_trim.keep_plugin(dest) is kept


def test_a_library_stays_only_while_something_kept_loads_it(bundle_trim):
    needed = {
        "/v/PySide6/QtGui.abi3.so": ["libQt6Gui.so.6", "libc.so.6"],
        "/v/PySide6/Qt/lib/libQt6Gui.so.6": ["libfreetype.so.6"],
        "/v/cups-plugin.so": ["libcups.so.2", "libz.so.1"],
        "/lib/libcups.so.2": ["libgnutls.so.30", "libz.so.1"],
        "/lib/libcairo.so.2": ["libpixman-1.so.0"],
    }
    binaries = [
        ("PySide6/QtGui.abi3.so", "/v/PySide6/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/v/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libfreetype.so.6", "/lib/libfreetype.so.6", "BINARY"),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/v/cups-plugin.so",
         "BINARY"),
        ("libcups.so.2", "/lib/libcups.so.2", "BINARY"),  # from the system instead
        ("libgnutls.so.30", "/lib/libgnutls.so.30", "BINARY"),  # only libcups loads it
        ("libz.so.1", "/lib/libz.so.1", "BINARY"),  # the plugin loads it too
        ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),  # the GTK theme's, left out
        ("libpixman-1.so.0", "/lib/libpixman-1.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),
    ]
    kept, dropped = bundle_trim.reachable(binaries, needed=lambda path: needed.get(path, []))
    assert dropped == ["libcairo.so.2", "libcups.so.2", "libgnutls.so.30", "libpixman-1.so.0"]
    assert [entry[0] for entry in kept] == [
        "PySide6/QtGui.abi3.so", "PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6",
        "libfreetype.so.6", "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "libz.so.1", "libpython3.11.so.1.0"]


def test_the_elf_reader_reads_what_a_real_library_needs(bundle_trim, check_qt_libs):
    plugin = check_qt_libs.xcb_plugin()
    if plugin is None:
        pytest.skip("PySide6's libqxcb.so is not installed (not Linux?)")
    needed = bundle_trim.elf_needed(plugin)
    assert {"libQt6XcbQpa.so.6", "libxcb-icccm.so.4", "libc.so.6"} <= set(needed)
    assert bundle_trim.elf_needed(__file__) == []
