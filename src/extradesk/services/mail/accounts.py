"""SMTP accounts ("Configurateur SMTP"): per user or one for the company, provider presets,
password in the keyring, and the test that sends a mail to the user himself."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from sqlalchemy import delete, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.core.validation import check_email, clean
from extradesk.db.session import unit_of_work
from extradesk.models import SmtpAccount, User
from extradesk.services import users
from extradesk.services.context import Context
from extradesk.services.outbox import mail_channel
from extradesk.services.outbox.mail_channel import AccountRow
from extradesk.sync import smtp

_A = SmtpAccount.__table__
_U = User.__table__.c


@dataclass(frozen=True)
class Preset:
    label: str
    host: str
    port: int
    security: str
    note: str = ""


# What French businesses use; host, port and security as each provider documents them.
PRESETS = {
    "orange": Preset("Orange", "smtp.orange.fr", 465, "ssl"),
    "free": Preset("Free", "smtp.free.fr", 465, "ssl"),
    "sfr": Preset("SFR", "smtp.sfr.fr", 465, "ssl"),
    "ovh": Preset("OVHcloud", "ssl0.ovh.net", 465, "ssl"),
    "ionos": Preset("Ionos", "smtp.ionos.fr", 587, "starttls"),
    "gandi": Preset("Gandi", "mail.gandi.net", 587, "starttls"),
    "gmail": Preset("Gmail / Google Workspace", "smtp.gmail.com", 587, "starttls",
                    "mot de passe d'application"),
    "outlook": Preset("Outlook / Microsoft 365", "smtp.office365.com", 587, "starttls",
                      "mot de passe d'application"),
}


@dataclass(frozen=True)
class AccountInput:
    host: str
    port: int | str
    security: str
    sender_address: str
    login: str | None = None  # None or "": the server asks for no authentication
    sender_name: str | None = None
    provider: str = "other"


def _validate(data: AccountInput) -> dict:
    problems: list[Problem] = []
    host = (data.host or "").strip().lower()
    if not host or " " in host:
        problems.append(Problem("host", "field.required"))
    try:
        port = int(str(data.port).strip())
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        port = 0
        problems.append(Problem("port", "mail.port_invalid", {"value": data.port}))
    if data.security not in smtp.SECURITIES:
        problems.append(Problem("security", "smtp.security_unknown", {"value": data.security}))
    address = (clean(data.sender_address) or "").lower()
    if not address:
        problems.append(Problem("sender_address", "field.required"))
    problems += check_email("sender_address", address or None)
    raise_if(problems)
    return {"host": host, "port": port, "security": data.security, "sender_address": address,
            "login": clean(data.login) or None, "sender_name": clean(data.sender_name),
            "provider": data.provider if data.provider in PRESETS else "other"}


def save_account(ctx: Context, user_id: int | None, *, data: AccountInput,
                 password: str | None = None) -> tuple[AccountRow, Changes]:
    """Create or replace the account of `user_id` (None: the company's). The password, when
    given, goes to the keyring; the database never sees it."""
    values = _validate(data)
    if user_id is not None:
        users.get_user(ctx, user_id)  # NotFoundError when gone
    if values["login"] and password is not None:
        mail_channel.store_password(values["host"], values["login"], password)
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        owner = _A.c.user_id.is_(None) if user_id is None else _A.c.user_id == user_id
        old = conn.execute(select(_A.c.id).where(owner)).scalar()
        if old is None:
            account_id = conn.execute(_A.insert().values(
                **values, user_id=user_id, created_at=now, updated_at=now)
            ).inserted_primary_key[0]
        else:
            account_id = old
            conn.execute(_A.update().where(_A.c.id == old).values(**values, updated_at=now))
        account = mail_channel.load_account(conn, account_id)
    return account, Changes(users=frozenset({user_id} if user_id else ()), preferences=True)


def get_account(ctx: Context, user_id: int | None) -> AccountRow | None:
    """The account mail of `user_id` leaves from: his own, else the company's."""
    with ctx.db.engine.connect() as conn:
        return mail_channel.account_for_user(conn, user_id)


def own_account(ctx: Context, user_id: int | None) -> AccountRow | None:
    """Exactly the account stored for `user_id` (None: the company's), no fallback."""
    owner = _A.c.user_id.is_(None) if user_id is None else _A.c.user_id == user_id
    with ctx.db.engine.connect() as conn:
        found = conn.execute(select(_A.c.id).where(owner)).scalar()
        return mail_channel.load_account(conn, found) if found else None


def delete_account(ctx: Context, account_id: int) -> Changes:
    """Remove the account; its password leaves the keyring unless another account uses the
    same login on the same server. Queued mails then go through the sender's other account."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        gone = mail_channel.load_account(conn, account_id)
        if gone is None:
            raise NotFoundError("mail.account_not_found")
        conn.execute(delete(_A).where(_A.c.id == account_id))
        shared = gone.login and conn.execute(select(_A.c.id).where(
            _A.c.host == gone.host, _A.c.login == gone.login)).first() is not None
    if gone.login and not shared:
        mail_channel.forget_password(gone.host, gone.login)
    return Changes(preferences=True)


def sender_of(account: AccountRow) -> str:
    return formataddr((account.sender_name or "", account.sender_address))


@dataclass(frozen=True)
class TrialMail:
    """What the test sends, read from the database: the network step needs nothing else."""

    settings: smtp.SmtpSettings
    message: EmailMessage
    sender: str
    to: str


def prepare_test(ctx: Context, user_id: int, *, timeout: float = 20.0) -> TrialMail:
    """The test mail to the user himself (else to the sender address), and how to send it
    (the password read from the keyring). The database step of the test."""
    from extradesk.services.mail import templates

    user = users.get_user(ctx, user_id)
    account = get_account(ctx, user_id)
    if account is None:
        raise NotFoundError("mail.no_account", name=user.name)
    to = user.email or account.sender_address
    subject, body = templates.render(ctx, "test", values={
        "signature": account.sender_name or user.name})
    message = EmailMessage()
    message["From"] = sender_of(account)
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(ctx.clock.now())
    message["Message-ID"] = make_msgid(domain=account.sender_address.rpartition("@")[2])
    message.set_content(body)
    return TrialMail(mail_channel.settings_for(account, timeout=timeout), message,
                    account.sender_address, to)


def deliver_test(test: TrialMail) -> str:
    """Connect, log in and send the prepared test mail; returns the address. Network only
    (no Context): the UI runs it on the network pool."""
    smtp.send_message(test.settings, test.message, sender=test.sender, recipients=[test.to])
    return test.to


def send_test(ctx: Context, user_id: int, *, timeout: float = 20.0) -> str:
    """Connect, log in and send a test mail to the user himself (else to the sender
    address); returns the address."""
    return deliver_test(prepare_test(ctx, user_id, timeout=timeout))


def user_email(ctx: Context, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(_U.email).where(_U.id == user_id)).scalar()
