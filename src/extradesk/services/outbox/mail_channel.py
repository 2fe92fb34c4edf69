"""The mail channel of the outbox: which SMTP account sends an item, its password (keyring),
and the MIME message rebuilt from the stored row, identical on every retry."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from sqlalchemy import Connection, select

from extradesk.core.errors import ExternalServiceError
from extradesk.models import SmtpAccount
from extradesk.services.context import Context
from extradesk.sync.smtp import SmtpSettings

KEYRING_SERVICE = "extradesk-smtp"
_A = SmtpAccount.__table__


@dataclass(frozen=True)
class AccountRow:
    id: int
    user_id: int | None
    provider: str
    sender_name: str | None
    sender_address: str
    host: str
    port: int
    security: str
    login: str | None


def _account(row) -> AccountRow:
    return AccountRow(row.id, row.user_id, row.provider, row.sender_name, row.sender_address,
                      row.host, row.port, row.security, row.login)


def load_account(conn: Connection, account_id: int) -> AccountRow | None:
    row = conn.execute(select(_A).where(_A.c.id == account_id)).first()
    return _account(row) if row else None


def account_for_user(conn: Connection, user_id: int | None) -> AccountRow | None:
    """The user's own account, else the company's (user_id NULL), else None."""
    rows = conn.execute(select(_A).where(
        (_A.c.user_id == user_id) | _A.c.user_id.is_(None))).all()
    mine = [r for r in rows if r.user_id is not None and r.user_id == user_id]
    shared = [r for r in rows if r.user_id is None]
    chosen = (mine or shared or [None])[0]
    return _account(chosen) if chosen is not None else None


def keyring_name(host: str, login: str) -> str:
    return f"{login}@{host}"


def store_password(host: str, login: str, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_name(host, login), password)
    except KeyringError as exc:  # no keyring on a headless Linux: say so, never plain text
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(exc).__name__) from exc


def forget_password(host: str, login: str) -> None:
    """Best effort: a password left behind in the keyring harms nobody, a crash here would."""
    import keyring
    from keyring.errors import KeyringError

    with contextlib.suppress(KeyringError):  # PasswordDeleteError is one
        keyring.delete_password(KEYRING_SERVICE, keyring_name(host, login))


def password_for(account: AccountRow) -> str:
    if not account.login:
        return ""
    import keyring
    from keyring.errors import KeyringError

    try:
        secret = keyring.get_password(KEYRING_SERVICE, keyring_name(account.host, account.login))
    except KeyringError as exc:
        raise ExternalServiceError("keyring.unavailable", retryable=False,
                                   detail=type(exc).__name__) from exc
    if secret is None:
        raise ExternalServiceError("mail.password_missing", retryable=False,
                                   address=account.sender_address)
    return secret


def settings_for(account: AccountRow, *, timeout: float) -> SmtpSettings:
    return SmtpSettings(account.host, account.port, account.security, account.login or None,
                        password_for(account), timeout)


def envelope(item) -> tuple[str, list[str]]:
    """(envelope sender, every recipient: To, Cc and the Bcc that no header shows)."""
    people = json.loads(item.recipients)
    return parseaddr(item.sender or "")[1], [*people["to"], *people.get("cc", ()), *people.get("bcc", ())]


def build(ctx: Context, item, files: list[tuple[str, str, bytes]]) -> EmailMessage:
    """The MIME message of an outbox row; its Date is the queueing instant, so a retry
    carries exactly the same headers and bytes as the first attempt."""
    people = json.loads(item.recipients)
    message = EmailMessage()
    message["From"] = item.sender
    message["To"] = ", ".join(people["to"])
    if people.get("cc"):
        message["Cc"] = ", ".join(people["cc"])
    message["Subject"] = item.subject or ""
    message["Date"] = format_datetime(item.created_at)
    message["Message-ID"] = item.message_id
    for name, value in json.loads(item.headers or "{}").items():
        message[name] = value
    message.set_content(item.body)
    inline = [(n.removeprefix(INLINE), t, d) for n, t, d in files if n.startswith(INLINE)]
    html = next((d for _n, t, d in inline if t == "text/html"), None)
    if html is not None:  # an HTML alternative with its images (the dashboard mail)
        message.add_alternative(html.decode("utf-8"), subtype="html")
        body = message.get_payload()[-1]
        for name, content_type, data in inline:
            if content_type != "text/html":
                maintype, _, subtype = content_type.partition("/")
                body.add_related(data, maintype=maintype, subtype=subtype,
                                 cid=f"<{content_id(name)}>", filename=name,
                                 disposition="inline")
    for name, content_type, data in files:
        if name.startswith(INLINE):
            continue
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype or "octet-stream",
                               filename=name)
    # The random default boundaries would change every retry: derived from the Message-ID.
    seed = hashlib.sha256(item.message_id.encode()).hexdigest()[:32]
    for n, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_{seed}" + (f"_{n}" if n else ""))
    return message


# An attachment stored under "cid:NAME" is a part of the HTML body (an image it shows, or
# the HTML itself when its type is text/html), not a file the recipient sees attached.
INLINE = "cid:"


def content_id(name: str) -> str:
    """The Content-ID (without <>) of inline part NAME; the HTML says src="cid:<this>"."""
    return f"{name}@extradesk"
