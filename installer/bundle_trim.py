"""What the PyInstaller bundle leaves out (used by installer/extradesk.spec).

PyInstaller collects every Qt plugin of the modules the application imports, every locale of
Babel and every Qt translation, plus the shared libraries all of those link. This module
says what to keep: French data, the Qt plugins a desktop session uses, and the shared
libraries something kept still loads (read from each file's ELF DT_NEEDED entries).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

BABEL_LOCALES = {"root", "fr", "fr_FR", "en", "en_US", "en_US_POSIX"}
QT_TRANSLATIONS = {"qt_fr.qm", "qtbase_fr.qm"}

# Plugin folder → plugins kept; folders not named keep everything (wayland, xcb GL, tls,
# print support, icon engines, input contexts).
PLUGINS_KEPT: dict[str, set[str]] = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows"},
    "platformthemes": {"qxdgdesktopportal"},  # not qgtk3: it drags GTK's stack (cairo, pango…)
    "imageformats": {"qjpeg", "qgif", "qico", "qsvg"},  # PNG is built into QtGui
    "generic": set(),  # evdev/tuio input: kiosks and touch screens
    "egldeviceintegrations": set(),  # eglfs: no window system at all
    "networkinformation": set(),
}

# Libraries taken from the system rather than the build machine: printing goes through the
# system's CUPS (its own configuration, its own TLS and Kerberos stack). Without libcups2,
# Qt skips the print plugin and prints to PDF only.
FROM_SYSTEM = {"libcups.so.2"}


def keep_data(dest: str) -> bool:
    path = Path(dest)
    parts = path.parts
    if parts[:2] == ("babel", "locale-data"):
        return path.stem in BABEL_LOCALES
    if parts[:1] == ("PySide6",) and "translations" in parts:
        return path.name in QT_TRANSLATIONS
    return not (parts[:1] == ("phonenumbers",) and path.suffix == ".pyi")


def keep_plugin(dest: str) -> bool:
    parts = Path(dest).parts
    if "plugins" not in parts:
        return True
    i = parts.index("plugins")
    if i + 2 >= len(parts) or parts[i + 1] not in PLUGINS_KEPT:
        return True
    stem = parts[-1].split(".")[0].removeprefix("lib")
    return stem in PLUGINS_KEPT[parts[i + 1]]


def elf_needed(path: str | Path) -> list[str]:
    """The DT_NEEDED names of a 64-bit little-endian ELF file ([] for anything else)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return []
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + k * shentsize)
                for k in range(shnum)]
    needed: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6 or not entsize:  # SHT_DYNAMIC
            continue
        strtab = sections[link]
        for at in range(offset, offset + size, entsize):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                start = strtab[4] + value
                needed.append(data[start:data.index(b"\0", start)].decode())
    return needed


def is_library(dest: str) -> bool:
    """A shared library the bundle carries for others (not a module, plugin or libpython)."""
    name = Path(dest).name
    return (name.startswith("lib") and ".so" in name and "plugins" not in Path(dest).parts
            and not name.startswith("libpython") and ".abi3." not in name
            and ".cpython-" not in name)


def reachable(binaries: Iterable[tuple[str, str, str]],
              needed=elf_needed) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(entries kept, names left out): a library stays when an extension module, a kept
    plugin or libpython loads it, directly or through another kept library."""
    entries = list(binaries)
    by_name: dict[str, tuple[str, str, str]] = {}
    for entry in entries:
        if is_library(entry[0]):
            by_name.setdefault(Path(entry[0]).name, entry)
            by_name.setdefault(Path(entry[1]).name, entry)
    seen: set[str] = set()
    todo = [entry[1] for entry in entries if not is_library(entry[0])]
    while todo:
        for name in needed(todo.pop()):
            if name in FROM_SYSTEM or name in seen or name not in by_name:
                continue
            seen.add(name)
            todo.append(by_name[name][1])
    kept, dropped = [], []
    for entry in entries:
        if not is_library(entry[0]) or {Path(entry[0]).name, Path(entry[1]).name} & seen:
            kept.append(entry)
        else:
            dropped.append(Path(entry[0]).name)
    return kept, sorted(dropped)
