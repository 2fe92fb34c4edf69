"""Per-user CalDAV accounts: server (presets), login, calendar, on/off; password in keyring.

Saving an account talks to the server (it checks the password and finds or creates the
calendar): the UI runs it on the network pool, like a sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from extradesk.core.changes import Changes
from extradesk.core.errors import ExternalServiceError, NotFoundError, Problem, raise_if
from extradesk.db.session import unit_of_work
from extradesk.models import CalDavAccount, User
from extradesk.services.context import Context
from extradesk.sync.planner import POLICIES

if TYPE_CHECKING:
    # requests and the CalDAV client load when an account is saved or synced, not when the
    # agenda tab reads an account's status at start-up (~70 ms, ~10 MB).
    from extradesk.sync.caldav_client import CalDavClient

KEYRING_SERVICE = "extradesk-caldav"
DEFAULT_CALENDAR = "extradesk"
PROVIDERS = {"icloud": "iCloud", "nextcloud": "Nextcloud", "fastmail": "Fastmail",
             "other": "Autre serveur CalDAV"}
_A = CalDavAccount.__table__


@dataclass(frozen=True)
class Account:
    id: int
    user_id: int
    provider: str
    url: str
    login: str
    calendar_url: str | None
    calendar_name: str | None
    enabled: bool
    conflict_policy: str
    last_sync_at: datetime | None
    last_error: str | None


def preset_url(provider: str, host: str = "") -> str | None:
    """The discovery URL of a provider (Nextcloud needs the server's host name)."""
    from extradesk.sync.caldav_client import PRESETS

    url = PRESETS.get(provider)
    return url.format(host=host.strip().strip("/")) if url else None


def _keyring_name(url: str, login: str) -> str:
    return f"{login}@{url}"


def split_credentials(url: str) -> tuple[str, str, str]:
    """(URL without user:password@, login, password) of a URL such as https://u:pw@host/: a
    password never stays in a URL that is stored, logged or shown."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        login, password, host = parts.username, parts.password, parts.hostname
        port = parts.port
    except ValueError:  # a port that is not a number: left for the URL check to refuse
        return url, "", ""
    if login is None and password is None:
        return url, "", ""
    netloc = (f"[{host}]" if host and ":" in host else host or "") + \
        (f":{port}" if port else "")
    clean_url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean_url, unquote(login or ""), unquote(password or "")


def _insecure(backend) -> bool:
    """A backend that keeps passwords in plain text (keyrings.alt), refuses everything
    (keyring.backends.fail) or that keyring itself ranks as a last resort (priority < 1)."""
    module = type(backend).__module__ or ""
    if module.startswith(("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")):
        return True
    inner = getattr(backend, "backends", None)
    if inner is not None:  # the chainer: what it writes to is its best backend
        return not inner or _insecure(max(inner, key=lambda b: b.priority))
    try:
        return float(backend.priority) < 1
    except Exception:  # a backend whose priority cannot be read is not trusted either
        return True


def check_keyring() -> None:
    """Refuse, in French, a missing or insecure keyring: called before anything is written to
    the server or the keyring, so a refused account leaves nothing behind."""
    import keyring

    backend = keyring.get_keyring()
    module = type(backend).__module__ or ""
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")) or \
            getattr(backend, "backends", None) == []:
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(backend).__name__)
    if _insecure(backend):
        raise ExternalServiceError("keyring.insecure", retryable=False,
                                   backend=f"{module}.{type(backend).__name__}")


def store_password(url: str, login: str, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    check_keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_name(url, login), password)
    except KeyringError as exc:  # NoKeyringError on a headless Linux: say so, no plain text
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(exc).__name__) from exc


def password_for(account: Account, user_name: str = "") -> str:
    import keyring
    from keyring.errors import KeyringError

    try:
        secret = keyring.get_password(KEYRING_SERVICE, _keyring_name(account.url, account.login))
    except KeyringError as exc:
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(exc).__name__) from exc
    if secret is None:
        raise ExternalServiceError("keyring.missing", retryable=False, name=user_name)
    return secret


def client_for(account: Account, user_name: str = "", *, timeout: float | None = None
               ) -> CalDavClient:
    from extradesk.sync.caldav_client import CalDavClient

    client = CalDavClient(account.url, account.login, password_for(account, user_name))
    if timeout is not None:
        client.timeout = timeout
    return client


def list_calendars(url: str, login: str, password: str) -> list[tuple[str, str]]:
    """(URL, name) of the calendars on the server: the choice offered in the account form."""
    from extradesk.sync.caldav_client import CalDavClient

    url, url_login, url_password = split_credentials((url or "").strip())
    client = CalDavClient(url, (login or "").strip() or url_login, password or url_password)
    try:
        return client.calendars()
    finally:
        client.close()


def _to_dto(r) -> Account:
    return Account(r.id, r.user_id, r.provider, r.url, r.login, r.calendar_url, r.calendar_name,
                   r.enabled, r.conflict_policy, r.last_sync_at, r.last_error)


def get_account(ctx: Context, user_id: int) -> Account | None:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(_A).where(_A.c.user_id == user_id)).first()
    return _to_dto(row) if row else None


def list_accounts(ctx: Context, *, enabled_only: bool = False) -> list[Account]:
    query = select(_A).order_by(_A.c.user_id)
    if enabled_only:
        query = query.where(_A.c.enabled.is_(True))
    with ctx.db.engine.connect() as conn:
        return [_to_dto(r) for r in conn.execute(query)]


def save_account(ctx: Context, user_id: int, *, url: str, login: str, password: str,
                 provider: str = "other", calendar: str | None = None, enabled: bool = True,
                 conflict_policy: str = "most_recent") -> tuple[Account, Changes]:
    """Check the account on the server, choose or create the calendar, store the password."""
    problems = []
    url, url_login, url_password = split_credentials((url or "").strip())
    login, password = (login or "").strip() or url_login, password or url_password
    if not url.startswith(("http://", "https://")):
        problems.append(Problem("url", "caldav.url_invalid", {"url": url}))
    if not login:
        problems.append(Problem("login", "field.required"))
    if conflict_policy not in POLICIES:
        problems.append(Problem("conflict_policy", "field.invalid"))
    raise_if(problems)
    with ctx.db.engine.connect() as conn:
        if conn.execute(select(User.__table__.c.id).where(
                User.__table__.c.id == user_id)).first() is None:
            raise NotFoundError("user.not_found", id=user_id)
    check_keyring()  # no usable keyring: refused before anything is created on the server
    from extradesk.sync.caldav_client import CalDavClient

    client = CalDavClient(url, login, password)
    try:
        calendars = client.calendars()
        wanted = calendar or DEFAULT_CALENDAR
        chosen = next(((u, n) for u, n in calendars if n == wanted or u.rstrip("/")
                       .endswith("/" + wanted)), None)
        if chosen is None and calendar is not None:
            raise ExternalServiceError("caldav.calendar_unknown", retryable=False, name=calendar,
                                       choices=", ".join(n for _, n in calendars) or "aucun")
        if chosen is None:
            chosen = (client.create_calendar(DEFAULT_CALENDAR, DEFAULT_CALENDAR),
                      DEFAULT_CALENDAR)
    finally:
        client.close()
    store_password(url, login, password)
    values = {"user_id": user_id, "provider": provider if provider in PROVIDERS else "other",
              "url": url, "login": login, "calendar_url": chosen[0], "calendar_name": chosen[1],
              "enabled": enabled, "conflict_policy": conflict_policy}
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        old = conn.execute(select(_A.c.id, _A.c.calendar_url)
                           .where(_A.c.user_id == user_id)).first()
        if old is None:
            conn.execute(_A.insert().values(**values))
        else:
            if old.calendar_url != chosen[0]:  # another calendar: start its sync afresh
                from extradesk.models import SyncStatus

                status = SyncStatus.__table__
                conn.execute(status.delete().where(status.c.account_id == old.id))
                values["sync_token"] = None
            conn.execute(_A.update().where(_A.c.id == old.id).values(**values))
    return get_account(ctx, user_id), Changes(users=frozenset({user_id}), preferences=True)


def set_enabled(ctx: Context, user_id: int, *, enabled: bool) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(
            _A.update().where(_A.c.user_id == user_id).values(enabled=enabled))
    return Changes(users=frozenset({user_id}), preferences=True)
