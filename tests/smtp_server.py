"""Real SMTP servers for tests (aiosmtpd on 127.0.0.1): plain, STARTTLS with AUTH, implicit
SSL with AUTH, throw-away certificates from trustme; a handler that records what it got and
can refuse a sender or a recipient, answer 4xx, or hang up in the middle of DATA.

Shared by tests/mail and (later) the UI tests, imported as `smtp_server`.
"""

from __future__ import annotations

import email
import socket
import ssl
from dataclasses import dataclass, field
from email import policy

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

LOGIN, PASSWORD = "contact@piscines-azur.fr", "mot-de-passe-é"
SIZE_LIMIT = 10 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


@dataclass
class Recorder:
    """The aiosmtpd handler. `data_mode`: accept | temporary | hang_up."""

    received: list[Received] = field(default_factory=list)
    refuse_senders: dict[str, str] = field(default_factory=dict)
    refuse_rcpts: dict[str, str] = field(default_factory=dict)
    data_mode: str = "accept"

    def reset(self) -> None:
        self.received.clear()
        self.refuse_senders.clear()
        self.refuse_rcpts.clear()
        self.data_mode = "accept"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address in self.refuse_senders:
            return self.refuse_senders[address]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpts:
            return self.refuse_rcpts[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_mode == "temporary":
            return "451 4.3.0 Mailbox busy, try again later"
        if self.data_mode == "hang_up":
            server.transport.close()  # the message arrived; the reply never leaves
            return "250 never sent"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.content))
        return f"250 2.0.0 Ok: queued as Q{len(self.received)}"

    def with_message_id(self, message_id: str) -> list[Received]:
        return [r for r in self.received if r.message["Message-ID"] == message_id]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login.decode() == LOGIN and auth_data.password.decode() == PASSWORD)
    # handled=False on failure, or the server sends no reply and the client hangs.
    return AuthResult(success=True) if ok else AuthResult(success=False, handled=False)


@dataclass
class Server:
    name: str
    port: int
    security: str  # what the client must use: none | starttls | ssl
    handler: Recorder
    controller: Controller
    host: str = "127.0.0.1"


class Servers:
    """One server of each kind and a CA file the clients trust (SSL_CERT_FILE)."""

    def __init__(self, folder) -> None:
        self.ca = trustme.CA()
        self.ca_file = folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        cert = self.ca.issue_cert("127.0.0.1", "localhost")
        server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(server_tls)
        self.plain = self._start("plain", "none", data_size_limit=SIZE_LIMIT)
        self.starttls = self._start("starttls", "starttls", data_size_limit=SIZE_LIMIT,
                                    tls_context=server_tls, require_starttls=True,
                                    authenticator=authenticator, auth_required=True)
        self.ssl = self._start("ssl", "ssl", data_size_limit=SIZE_LIMIT,
                               ssl_context=server_tls, authenticator=authenticator,
                               auth_required=True,
                               # aiosmtpd counts only STARTTLS as TLS; this one is TLS
                               # from the first byte.
                               auth_require_tls=False)

    def _start(self, name: str, security: str, **kwargs) -> Server:
        handler = Recorder()
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port,
                                server_hostname="smtp.test", **kwargs)
        controller.start()
        return Server(name, port, security, handler, controller)

    @property
    def all(self) -> list[Server]:
        return [self.plain, self.starttls, self.ssl]

    def reset(self) -> None:
        for server in self.all:
            server.handler.reset()

    def stop(self) -> None:
        for server in self.all:
            server.controller.stop()


def serve(tmp_path_factory):
    """Fixture body (session scope): the three servers for the whole run."""
    servers = Servers(tmp_path_factory.mktemp("smtp"))
    yield servers
    servers.stop()


class Flaky:
    """A plain SMTP server on a fixed port that a test stops and starts again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = Recorder()
        self.host, self.security = "127.0.0.1", "none"
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname=self.host, port=self.port,
                                     server_hostname="smtp.test")
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def flaky():
    """Fixture body (function scope): a server the test starts (it begins stopped)."""
    server = Flaky()
    yield server
    server.stop()
