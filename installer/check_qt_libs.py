"""Before `make run`: are the system libraries Qt's X11 (xcb) plugin loads installed?

Qt aborts with "xcb-cursor0 or libxcb-cursor0 is needed…" and no hint for the other missing
ones. This lists what the dynamic linker cannot find for PySide6's libqxcb.so (`ldd` follows
every dependency, Qt's own libraries included) and prints the one `apt-get install` line.

Exit status: 0 when nothing is missing, or when Qt will not use xcb (QT_QPA_PLATFORM set to
another platform, or a Wayland session: then missing xcb libraries are only a warning);
1 when the application would not start. Run with the virtualenv's Python (it finds PySide6).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# soname → Debian 12 package, for everything libqxcb.so and Qt's GUI libraries load from the
# system (the list ldd prints on PySide6 6.12). A soname not listed is printed as is.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def missing_sonames(ldd_output: str) -> list[str]:
    """The libraries ldd could not resolve, each once, in the order ldd named them."""
    seen: dict[str, None] = {}
    for name in NOT_FOUND.findall(ldd_output):
        seen.setdefault(name, None)
    return list(seen)


def unknown_to_linker(sonames, ldconfig_output: str) -> list[str]:
    """Of `sonames`, those the linker cache does not list. ldd stops at a missing library, so
    what that one needs in turn only shows once it is installed: this completes the line."""
    known = set(re.findall(r"^\s*(\S+)\s+\(", ldconfig_output, re.MULTILINE))
    return [name for name in sonames if name not in known]


def run_ldconfig() -> str:
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            return subprocess.run([ldconfig, "-p"], capture_output=True, text=True,
                                  timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            continue
    return ""


def install_line(sonames: list[str]) -> str:
    """The one command that installs them (Debian/Ubuntu package names)."""
    packages: dict[str, None] = {}
    for soname in sonames:
        packages.setdefault(DEBIAN_PACKAGES.get(soname, soname), None)
    return "sudo apt-get install " + " ".join(packages)


def uses_xcb(environ: os._Environ | dict) -> tuple[bool, bool]:
    """(Qt will try xcb, xcb is only a fallback): as Qt 6 picks its platform plugin."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if platform:
        return platform == "xcb", False
    wayland = bool(environ.get("WAYLAND_DISPLAY")) or environ.get("XDG_SESSION_TYPE") == "wayland"
    return True, wayland


def xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def run_ldd(library: Path) -> str | None:
    try:
        done = subprocess.run(["ldd", str(library)], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def main(environ: os._Environ | dict = os.environ) -> int:
    if not sys.platform.startswith("linux"):
        return 0
    xcb, fallback_only = uses_xcb(environ)
    if not xcb:
        return 0
    plugin = xcb_plugin()
    output = run_ldd(plugin) if plugin else None
    if output is None:  # no PySide6 wheel layout or no ldd: let Qt speak for itself
        return 0
    missing = missing_sonames(output)
    if not missing:
        return 0
    cache = run_ldconfig()
    if cache:
        missing += [name for name in unknown_to_linker(DEBIAN_PACKAGES, cache)
                    if name not in missing]
    print("extradesk : bibliothèques système manquantes pour l'affichage X11 de Qt (xcb) : "
          + ", ".join(missing), file=sys.stderr)
    print("Installez-les avec :\n    " + install_line(missing), file=sys.stderr)
    if fallback_only:
        print("(Session Wayland : Qt utilisera Wayland, le lancement continue.)", file=sys.stderr)
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
