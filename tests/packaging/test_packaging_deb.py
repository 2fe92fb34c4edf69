"""`make deb`: the package's layout, installed into and removed from a throw-away root.

The real bundle takes a PyInstaller build (`make deb-check`, a CI step after `make test`,
runs it installed); here a stand-in executable takes its place, so the packaging scripts
are checked in every test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from packaging_support import APP_ID, INSTALLER

from extradesk import __version__

pytestmark = pytest.mark.skipif(
    not (shutil.which("dpkg-deb") and shutil.which("dpkg")),
    reason="dpkg-deb is not installed (Debian and derivatives only)")


@pytest.fixture
def package(tmp_path):
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "data.txt").write_text("données")
    exe = bundle / "extradesk"
    exe.write_text("#!/bin/sh\necho extradesk-stand-in\n")
    exe.chmod(0o700)  # a restrictive umask at build time must not reach the package
    done = subprocess.run([str(INSTALLER / "build_deb.sh"), str(bundle), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [deb] = (tmp_path / "out").glob("*.deb")
    return deb


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True,
                          check=True).stdout


def test_the_package_carries_the_bundle_the_entry_the_icons_and_the_metainfo(package):
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    assert package.name == f"extradesk_{__version__}_{arch}.deb"
    assert dpkg_deb("--field", str(package), "Version").strip() == __version__
    depends = dpkg_deb("--field", str(package), "Depends")
    assert "libxcb-cursor0" in depends and "libxcb-icccm4" in depends
    listing = dpkg_deb("--contents", str(package))
    entries = {line.split()[5].removeprefix("."): line for line in listing.splitlines()}
    assert entries["/opt/extradesk/extradesk"].startswith("-rwxr-xr-x root/root")
    assert entries["/opt/extradesk/_internal/data.txt"].startswith("-rw-r--r-- root/root")
    assert "-> /opt/extradesk/extradesk" in entries["/usr/bin/extradesk"]
    for path in (f"/usr/share/applications/{APP_ID}.desktop",
                 f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
                 f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
                 *(f"/usr/share/icons/hicolor/{n}x{n}/apps/{APP_ID}.png"
                   for n in (16, 32, 48, 64, 128, 256))):
        assert path in entries, path
    # No maintainer scripts: nothing runs as root at install time.
    info = dpkg_deb("--info", str(package))
    assert "control" in info
    assert not any(script in info for script in ("preinst", "postinst", "prerm", "postrm"))


def test_it_installs_and_uninstalls_cleanly_in_a_throw_away_root(package):
    env = {**os.environ, "LC_ALL": "C"}
    done = subprocess.run([str(INSTALLER / "check_deb.sh"), str(package), "--no-run"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "installs and uninstalls cleanly" in done.stdout
