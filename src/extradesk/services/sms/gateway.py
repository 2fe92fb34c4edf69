"""The company's SMS gateway: settings (keys in the keyring), the "Tester" button and a
one-off transactional message queued in the outbox."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from sqlalchemy import select

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, ValidationError, raise_if
from extradesk.db.session import unit_of_work
from extradesk.i18n.sms import PROVIDERS, TEST_TEXT
from extradesk.models import SmsSettings, User
from extradesk.services.context import Context
from extradesk.services.outbox import queue, sms_channel
from extradesk.sync import sms_gateways
from extradesk.sync.sms_gateways import KINDS, SECRETS

_S = SmsSettings.__table__
DEFAULT_URLS = sms_gateways.DEFAULT_URLS  # for the settings dialog (ui may not import sync)
_SENDER = re.compile(r"^[A-Za-z0-9]{3,11}$|^\+?[0-9]{3,15}$")


@dataclass(frozen=True)
class GatewayInput:
    kind: str
    url: str | None = None
    sender: str | None = None
    account: str | None = None
    stop_number: str | None = None


@dataclass(frozen=True)
class Gateway:
    kind: str
    url: str  # the one in use (the provider's default when none was given)
    sender: str | None
    account: str | None
    stop_number: str | None
    adds_stop: bool  # the provider appends "STOP au …" to commercial messages itself


def _validate(data: GatewayInput, secrets: list[str] | None) -> list[Problem]:
    if data.kind not in KINDS:
        return [Problem("kind", "sms.kind_unknown", {"value": data.kind,
                                                      "choices": ", ".join(KINDS)})]
    problems = []
    if data.url and not re.match(r"^https?://[^\s/]+", data.url):
        problems.append(Problem("gateway_url", "sms.url_invalid", {"value": data.url}))
    if data.sender and not _SENDER.match(data.sender):
        problems.append(Problem("sender", "sms.sender_invalid", {"value": data.sender}))
    if data.kind == "ovh" and not data.account:
        problems.append(Problem("account", "sms.account_required"))
    if secrets is not None and (len(secrets) != len(SECRETS[data.kind]) or not all(secrets)):
        problems.append(Problem("secrets", "sms.secrets_count", {
            "provider": data.kind, "expected": len(SECRETS[data.kind]),
            "names": ", ".join(SECRETS[data.kind]), "given": len([s for s in secrets if s])}))
    return problems


def save_gateway(ctx: Context, *, data: GatewayInput, secrets: list[str]) -> Changes:
    """Keep the settings (database) and the keys (keyring); a change of provider forgets the
    previous provider's keys."""
    raise_if(_validate(data, secrets))
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        previous = sms_channel.settings_row(conn)
        values = {"kind": data.kind, "url": data.url or None, "sender": data.sender or None,
                  "account": data.account or None, "updated_at": now}
        if data.stop_number is not None:
            values["stop_number"] = data.stop_number or None
        if previous is None:
            conn.execute(_S.insert().values(id=1, **values))
        else:
            conn.execute(_S.update().where(_S.c.id == 1).values(**values))
        sms_channel.store_secrets(data.kind, secrets)
    if previous is not None and previous.kind != data.kind:
        sms_channel.forget_secrets(previous.kind)
    return Changes(preferences=True)


def set_window(ctx: Context, *, days: str, start: int, end: int, holidays: bool) -> Changes:
    """The sending window of commercial messages (Paris time; Monday = 0)."""
    if (not days or any(d not in "0123456" for d in days)
            or not 0 <= start < end <= 24 * 60):
        raise ValidationError([Problem("window", "sms.window_invalid")])
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if sms_channel.settings_row(conn) is None:
            raise ValidationError([Problem("kind", "sms.no_gateway")])
        conn.execute(_S.update().where(_S.c.id == 1).values(
            window_days="".join(sorted(set(days))), window_start=start, window_end=end,
            window_holidays=holidays, updated_at=ctx.clock.now()))
    return Changes(preferences=True)


def get_gateway(ctx: Context) -> Gateway | None:
    with ctx.db.engine.connect() as conn:
        row = sms_channel.settings_row(conn)
    if row is None:
        return None
    return Gateway(row.kind, row.url or sms_gateways.DEFAULT_URLS[row.kind], row.sender,
                   row.account, row.stop_number, row.kind in sms_gateways.ADDS_STOP)


def mobile_number(raw: str | None) -> str | None:
    """E.164 of a mobile number (France by default), None when it is not one."""
    if not raw:
        return None
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _number(raw: str) -> str:
    number = mobile_number(raw)
    if number is None:
        raise ValidationError([Problem("to", "sms.number_invalid", {"value": raw})])
    return number


@dataclass(frozen=True)
class TestTrial:
    """What the "Tester" button sends, read on the database side (keys included)."""

    config: object  # sync.sms_gateways.GatewayConfig
    to: str
    key: str
    text: str

    def __repr__(self) -> str:
        return f"TestTrial({self.to!r})"


def prepare_test(ctx: Context, *, to: str | None = None, timeout: float = 20.0) -> TestTrial:
    """The read step of the test: settings, keys and the number (`to` or the user's own
    mobile); raises in French when one is missing."""
    with ctx.db.engine.connect() as conn:
        row = sms_channel.settings_row(conn)
        own = conn.execute(select(User.__table__.c.mobile).where(
            User.__table__.c.id == ctx.user_id)).scalar() if ctx.user_id else None
    number = _number(to) if to else own
    if not number:
        raise ValidationError([Problem("to", "sms.test_no_mobile")])
    config = sms_channel.config_of(row, timeout=timeout)
    key = f"test-{ctx.clock.now().strftime('%Y%m%d%H%M%S%f')}"
    return TestTrial(config, number, key, TEST_TEXT.format(provider=PROVIDERS[row.kind]))


def deliver_test(trial: TestTrial) -> tuple[str, str]:
    """The network step (no Context): (number, the gateway's reference)."""
    sent = sms_gateways.send(trial.config, sms_gateways.Outgoing(trial.key, trial.to,
                                                                 trial.text))
    return trial.to, sent.reference


def send_test(ctx: Context, *, to: str | None = None, timeout: float = 20.0) -> tuple[str, str]:
    """Send one SMS now, straight through the gateway (not queued), to `to` or the user's own
    mobile; returns (number, the gateway's reference). Failures raise in French."""
    return deliver_test(prepare_test(ctx, to=to, timeout=timeout))


def queue_sms(ctx: Context, *, to: str, text: str, kind: str = "sms",
              client_id: int | None = None) -> tuple[int, Changes]:
    """A one-off transactional SMS in the outbox (sent by the next drain)."""
    number = _number(to)
    if not text.strip():
        raise ValidationError([Problem("text", "sms.text_required")])
    with unit_of_work(ctx.db, write=True) as session:
        item_id = queue.enqueue(session.connection(), ctx, sms_message(
            kind=kind, to=number, text=text, client_id=client_id))
    return item_id, Changes(outbox=frozenset({item_id}))


def sms_message(*, kind: str, to: str, text: str, client_id: int | None = None,
                sender: str | None = None) -> queue.Message:
    return queue.Message(channel="sms", kind=kind, to=[to], body=text, client_id=client_id,
                         sender=sender)
