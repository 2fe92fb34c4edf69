"""The Windows installer script (Inno Setup cannot run here: its settings are read)."""

from __future__ import annotations

import re

from packaging_support import INSTALLER, ROOT

ISS = (INSTALLER / "extradesk.iss").read_text(encoding="utf-8")


def setting(name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", ISS, re.MULTILINE)
    assert match, name
    return match.group(1).strip()


def test_the_version_comes_from_the_package():
    """ISPP reads the `__version__ = "X"` line: the prefix it looks for is the real one."""
    assert not re.search(r'#define AppVersion "\d', ISS)
    prefix = re.search(r"#define VersionPrefix '([^']*)'", ISS).group(1)
    init = (ROOT / "src" / "extradesk" / "__init__.py").read_text(encoding="utf-8")
    [line] = [line for line in init.splitlines() if line.startswith(prefix)]
    # Copy(VersionLine, Len(prefix) + 1, Len(VersionLine) - Len(prefix) - 1), 1-based:
    start, count = len(prefix) + 1, len(line) - len(prefix) - 1
    from extradesk import __version__

    assert line[start - 1:start - 1 + count] == __version__
    assert setting("AppVersion") == "{#AppVersion}"


def test_per_user_without_administrator_rights_by_default():
    assert setting("PrivilegesRequired") == "lowest"
    assert setting("PrivilegesRequiredOverridesAllowed") == "dialog"
    assert setting("DefaultDirName") == r"{autopf}\extradesk"


def test_the_desktop_icon_is_an_unchecked_task():
    task = re.search(r'^Name: "desktopicon";.*$', ISS, re.MULTILINE).group(0)
    assert "Flags: unchecked" in task
    [desktop] = [line for line in ISS.splitlines() if line.startswith('Name: "{autodesktop}')]
    assert "Tasks: desktopicon" in desktop


def test_the_spec_builds_a_windowed_gui_and_a_console_cli_on_windows():
    spec = (INSTALLER / "extradesk.spec").read_text(encoding="utf-8")
    assert 'name="extradesk",' in spec and 'name="extradesk-cli",' in spec
    assert "console=not WINDOWS," in spec and "console=True," in spec
