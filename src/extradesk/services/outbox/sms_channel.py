"""The SMS channel of the outbox: the company's gateway (settings row + keyring secrets), the
sending window of commercial messages, and the opt-out register checked at sending time."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable

from sqlalchemy import Connection, select

from extradesk.core.errors import ExternalServiceError
from extradesk.core.sending_window import Window
from extradesk.models import SmsOptOut, SmsSettings
from extradesk.sync.sms_gateways import DEFAULT_URLS, SECRETS, GatewayConfig

KEYRING_SERVICE = "extradesk-sms"
COMMERCIAL_KINDS = frozenset({"campagne"})
_S = SmsSettings.__table__.c
_O = SmsOptOut.__table__.c


def settings_row(conn: Connection):
    return conn.execute(select(SmsSettings.__table__).where(_S.id == 1)).first()


def window_of(row) -> Window:
    if row is None:
        return Window()
    return Window(frozenset(int(d) for d in row.window_days), row.window_start,
                  row.window_end, bool(row.window_holidays))


def _name(kind: str, secret: str) -> str:
    return f"{kind}:{secret}"


def store_secrets(kind: str, values: Iterable[str]) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        for secret, value in zip(SECRETS[kind], values, strict=True):
            keyring.set_password(KEYRING_SERVICE, _name(kind, secret), value)
    except KeyringError as exc:  # no keyring on a headless Linux: say so, never plain text
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(exc).__name__) from exc


def forget_secrets(kind: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    for secret in SECRETS[kind]:
        with contextlib.suppress(KeyringError):
            keyring.delete_password(KEYRING_SERVICE, _name(kind, secret))


def secrets_of(kind: str) -> tuple[str, ...]:
    import keyring
    from keyring.errors import KeyringError

    try:
        values = tuple(keyring.get_password(KEYRING_SERVICE, _name(kind, s)) or ""
                       for s in SECRETS[kind])
    except KeyringError as exc:
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(exc).__name__) from exc
    if not all(values):
        raise ExternalServiceError("sms.secrets_missing", retryable=False, provider=kind)
    return values


def config_of(row, *, timeout: float) -> GatewayConfig:
    if row is None:
        raise ExternalServiceError("sms.no_gateway", retryable=False)
    return GatewayConfig(row.kind, row.url or DEFAULT_URLS[row.kind], row.sender, row.account,
                         secrets_of(row.kind), timeout)


def opted_out(conn: Connection, numbers: Iterable[str]) -> set[str]:
    wanted = list(set(numbers))
    if not wanted:
        return set()
    return set(conn.execute(select(_O.number).where(_O.number.in_(wanted))).scalars())


def gateway_key(message_id: str) -> str:
    """Our id for the gateway, stable across retries: the Message-ID's unique part."""
    return message_id.strip("<>").partition("@")[0][:36]


def recipient(item) -> str:
    return json.loads(item.recipients)["to"][0]
