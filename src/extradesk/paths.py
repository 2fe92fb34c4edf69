"""Where extradesk keeps its files; EXTRADESK_HOME overrides every location (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

from extradesk import APP_NAME


def home() -> Path | None:
    value = os.environ.get("EXTRADESK_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    if (h := home()) is not None:
        return h / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    if (h := home()) is not None:
        return h / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "extradesk.sqlite3"


def backups_dir() -> Path:
    return data_dir() / "backups"


def state_file() -> Path:
    """Per-PC state (last user, window geometry): not in the db, which several PCs may share."""
    return config_dir() / "state.json"


def resources_dir() -> Path:
    """Packaged resources: inside the wheel as extradesk/resources, in a checkout at the root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return here / "resources"
