"""SMTP with the standard library: connect (STARTTLS, SSL or plain), log in, send; every
failure becomes an ExternalServiceError with a French message id and `retryable`.

One `SmtpSession` sends many messages over one connection (the outbox drains a batch per
account that way). No database, no Qt: the caller gives the settings and the password.
"""

from __future__ import annotations

import base64
import functools
import os
import smtplib
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from extradesk.core.errors import ExternalServiceError

SECURITIES = ("starttls", "ssl", "none")
DEFAULT_TIMEOUT = 30.0
_WIRE = policy.SMTP  # CRLF line ends, the bytes a server sees


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls | ssl | none
    login: str | None = None  # None or "": no authentication
    password: str = ""
    timeout: float = DEFAULT_TIMEOUT

    def __repr__(self) -> str:  # never a password in a log or a traceback
        return (f"SmtpSettings({self.host!r}, {self.port}, {self.security!r}, "
                f"login={self.login!r})")


@dataclass(frozen=True)
class Accepted:
    """The server took the message: its reply, and the recipients it refused (if some)."""

    reply: str
    refused: dict[str, str]


def wire_bytes(message: EmailMessage) -> bytes:
    """The message exactly as transmitted (what SIZE limits are compared with)."""
    return message.as_bytes(policy=_WIRE)


def _fail(message_id: str, *, retryable: bool, **params) -> ExternalServiceError:
    return ExternalServiceError(message_id, retryable=retryable, **params)


def _reply_text(raw) -> str:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return " ".join(str(raw).split())[:300]


def classify(exc: BaseException, settings: SmtpSettings) -> ExternalServiceError:
    """Map a network or SMTP failure to our error: which message, and may it be retried."""
    where = {"host": settings.host, "port": settings.port}
    if isinstance(exc, ExternalServiceError):
        return exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return _fail("smtp.auth_refused", retryable=False, login=settings.login or "",
                     reply=_reply_text(exc.smtp_error), **where)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return _fail("smtp.starttls_missing", retryable=False, **where)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return _recipients_refused(exc.recipients)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return _refused(exc.smtp_code, exc.smtp_error, "smtp.sender_refused",
                        address=_reply_text(exc.sender))
    if isinstance(exc, smtplib.SMTPDataError):
        return _refused(exc.smtp_code, exc.smtp_error, "smtp.message_refused")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError):  # smtplib wraps a read time-out
            return _timeout(settings)
        return _fail("smtp.disconnected", retryable=True, **where)
    if isinstance(exc, smtplib.SMTPResponseException):
        return _refused(exc.smtp_code, exc.smtp_error, "smtp.refused")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _fail("smtp.certificate_refused", retryable=False,
                     detail=_reply_text(exc.verify_message or exc.reason or exc), **where)
    if isinstance(exc, ssl.SSLError):
        return _fail("smtp.tls_failed", retryable=False, detail=_reply_text(exc.reason or exc),
                     **where)
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError
        return _timeout(settings)
    if isinstance(exc, ConnectionRefusedError):
        return _fail("smtp.unreachable", retryable=True, **where)
    if isinstance(exc, socket.gaierror):
        return _fail("smtp.host_unknown", retryable=True, **where)
    if isinstance(exc, smtplib.SMTPException):  # before OSError: it is one
        return _fail("smtp.protocol", retryable=True, detail=_reply_text(exc), **where)
    if isinstance(exc, OSError):
        return _fail("smtp.network", retryable=True, detail=exc.strerror or str(exc), **where)
    if isinstance(exc, UnicodeError):  # smtplib's ASCII-only paths (AUTH LOGIN, headers)
        return _fail("smtp.unencodable", retryable=False, detail=str(exc)[:200])
    raise exc


def _timeout(settings: SmtpSettings) -> ExternalServiceError:
    return _fail("smtp.timeout", retryable=True, host=settings.host, port=settings.port,
                 seconds=f"{settings.timeout:g}".replace(".", ","))


def _refused(code: int, reply, fallback: str, **params) -> ExternalServiceError:
    text = _reply_text(reply)
    if code == 552 or (code in (452, 552) and "size" in text.lower()):
        return _fail("smtp.too_big_for_server", retryable=False, reply=text)
    if 400 <= code < 500:
        return _fail("smtp.temporary", retryable=True, code=code, reply=text)
    return _fail(fallback, retryable=False, code=code, reply=text, **params)


def _recipients_refused(refused: dict) -> ExternalServiceError:
    """Every recipient refused: permanent when one of them got a 5xx, else temporary."""
    codes = {addr: code for addr, (code, _reply) in refused.items()}
    permanent = sorted(a for a, c in codes.items() if c >= 500)
    first = next(iter(refused.values()))
    if permanent:
        reply = refused[permanent[0]][1]
        return _fail("smtp.recipient_refused", retryable=False, address=", ".join(permanent),
                     code=codes[permanent[0]], reply=_reply_text(reply))
    return _fail("smtp.temporary", retryable=True, code=first[0], reply=_reply_text(first[1]))


@functools.cache
def local_name() -> str:
    """The name said in EHLO. smtplib looks it up (socket.getfqdn, a reverse DNS query) on
    every connection: 50 ms here, seconds on an office network with a bad resolver."""
    return socket.getfqdn()


_TLS: dict[tuple, ssl.SSLContext] = {}


def tls_context() -> ssl.SSLContext:
    """The verifying context, built once per CA location: loading the system's CAs costs
    40-100 ms, once per connection otherwise. SSL_CERT_FILE/DIR are OpenSSL's own overrides."""
    key = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    if key not in _TLS:
        _TLS[key] = ssl.create_default_context()
    return _TLS[key]


class SmtpSession:
    """One open, authenticated connection; `send` as many messages as wanted, then close."""

    def __init__(self, settings: SmtpSettings) -> None:
        if settings.security not in SECURITIES:
            raise _fail("smtp.security_unknown", retryable=False, value=settings.security)
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        try:
            self._smtp = self._connect()
        except BaseException as exc:
            self.close()
            raise classify(exc, settings) from exc

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        tls = tls_context() if s.security != "none" else None
        if s.security == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, local_hostname=local_name(),
                                    timeout=s.timeout, context=tls)
        else:
            smtp = smtplib.SMTP(s.host, s.port, local_hostname=local_name(), timeout=s.timeout)
        self._smtp = smtp
        smtp.ehlo()
        if s.security == "starttls":
            smtp.starttls(context=tls)  # SMTPNotSupportedError when not offered
            smtp.ehlo()
        if s.login:
            if not smtp.has_extn("auth"):
                raise _fail("smtp.auth_not_offered", retryable=False, host=s.host,
                            port=s.port)
            _login(smtp, s.login, s.password)
        return smtp

    @property
    def closed(self) -> bool:
        return self._smtp is None

    @property
    def size_limit(self) -> int | None:
        """The server's SIZE (bytes), when it announces one."""
        raw = self._smtp.esmtp_features.get("size", "") if self._smtp else ""
        return int(raw) if raw.strip().isdigit() and int(raw) > 0 else None

    def send(self, message: EmailMessage, *, sender: str, recipients: Iterable[str]
             ) -> Accepted:
        """Send one message to these envelope recipients (Bcc included, never in headers)."""
        if self._smtp is None:
            raise _fail("smtp.disconnected", retryable=True, host=self.settings.host,
                        port=self.settings.port)
        try:
            data = wire_bytes(message)
        except (UnicodeError, ValueError) as exc:  # a header no server could take
            raise _fail("smtp.unencodable", retryable=False, detail=str(exc)[:200]) from exc
        limit = self.size_limit
        if limit is not None and len(data) > limit:
            raise _fail("smtp.too_big", retryable=False, size=_mb(len(data)), limit=_mb(limit))
        try:
            refused, reply = self._transaction(sender, list(recipients), data)
        except BaseException as exc:
            error = classify(exc, self.settings)
            if isinstance(exc, smtplib.SMTPServerDisconnected) or (
                    isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)):
                self.close()  # the connection is gone: the next send reconnects
            raise error from exc
        return Accepted(reply, {a: _reply_text(r) for a, (_c, r) in refused.items()})

    def _transaction(self, sender: str, recipients: list[str], data: bytes
                     ) -> tuple[dict, str]:
        """smtplib.sendmail, keeping the server's final reply (its queue id, for the record)."""
        smtp = self._smtp
        options = [f"size={len(data)}"] if smtp.has_extn("size") else []
        code, reply = smtp.mail(sender, options)
        if code != 250:
            self._reset(code)
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for address in recipients:
            code, reply = smtp.rcpt(address)
            if code not in (250, 251):
                refused[address] = (code, reply)
            if code == 421:
                self.close()
                raise smtplib.SMTPRecipientsRefused(refused)
        if len(refused) == len(recipients):
            self._reset(0)
            raise smtplib.SMTPRecipientsRefused(refused)
        code, reply = smtp.data(data)
        if code != 250:
            self._reset(code)
            raise smtplib.SMTPDataError(code, reply)
        return refused, _reply_text(reply)

    def _reset(self, code: int) -> None:
        """After a refusal, RSET so the next message starts clean (421: the server left)."""
        if code == 421:
            self.close()
            return
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _login(smtp: smtplib.SMTP, login: str, password: str) -> None:
    """smtplib encodes credentials as ASCII: an accented password would crash it. AUTH PLAIN
    is UTF-8 by its RFC (4616), so send that ourselves when the text is not ASCII."""
    if (login + password).isascii() or "PLAIN" not in smtp.esmtp_features["auth"].upper():
        smtp.login(login, password)
        return
    token = base64.b64encode(f"\0{login}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code not in (235, 503):  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, reply)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " Mo"


def send_message(settings: SmtpSettings, message: EmailMessage, *, sender: str,
                 recipients: Iterable[str]) -> Accepted:
    """Connect, send one message, disconnect (the account test does this)."""
    session = SmtpSession(settings)
    try:
        return session.send(message, sender=sender, recipients=recipients)
    finally:
        session.close()
