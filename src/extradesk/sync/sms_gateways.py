"""SMS gateways over HTTP (OVHcloud, Brevo, smsmode, Twilio, SMS Gateway for Android): one
`send` per message; every failure becomes an ExternalServiceError with a French message id
and `retryable`. No database, no Qt: the caller gives the settings and the secrets.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import requests

from extradesk.core.errors import ExternalServiceError

KINDS = ("ovh", "brevo", "smsmode", "twilio", "android")
# The secrets each provider needs, in the order `extradesk sms gateway` reads them.
SECRETS = {
    "ovh": ("application_key", "application_secret", "consumer_key"),
    "brevo": ("api_key",),
    "smsmode": ("api_key",),
    "twilio": ("account_sid", "auth_token"),
    "android": ("login", "password"),
}
DEFAULT_URLS = {
    "ovh": "https://eu.api.ovh.com",
    "brevo": "https://api.brevo.com",
    "smsmode": "https://rest.smsmode.com",
    "twilio": "https://api.twilio.com",
    "android": "https://api.sms-gate.app/3rdparty/v1",  # the cloud; local: http://PHONE:8080
}
# Providers that append the STOP mention to commercial messages themselves.
ADDS_STOP = frozenset({"ovh"})
# Providers that take our message id and refuse to send it twice (409): a retry after a crash
# or a lost answer costs nothing, so the outbox may record their "sent" per batch.
IDEMPOTENT = frozenset({"android"})
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True)
class GatewayConfig:
    kind: str
    url: str
    sender: str | None = None
    account: str | None = None  # OVH: the SMS service name (sms-ab12345-1)
    secrets: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT

    def __repr__(self) -> str:  # never a key in a log or a traceback
        return f"GatewayConfig({self.kind!r}, {self.url!r}, sender={self.sender!r})"


@dataclass(frozen=True)
class Outgoing:
    key: str  # our id for this message, the same on every retry (Android: idempotency)
    to: str  # E.164
    text: str
    commercial: bool = False


@dataclass(frozen=True)
class Sent:
    reference: str  # the provider's id of the message


def _fail(message_id: str, *, retryable: bool, **params) -> ExternalServiceError:
    return ExternalServiceError(message_id, retryable=retryable, **params)


def _short(text: str) -> str:
    return " ".join(str(text).split())[:200]


def retry_after(value: str | None) -> int | None:
    """Retry-After in seconds (a number or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return int(value.strip())
    try:
        from datetime import UTC, datetime

        return max(0, int((parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()))
    except (TypeError, ValueError):
        return None


def _body_json(response: requests.Response):
    kind = response.headers.get("Content-Type", "")
    try:
        data = response.json()
    except ValueError:
        data = None
    if data is None and ("html" in kind or response.text.lstrip().startswith("<")):
        return None
    return data


_KEY_WORDS = ("signature", "credential", "api key", "api-key", "apikey", "unauthorized",
              "authenticate", "20003")
_SENDER_WORDS = ("sender", "from", "expéditeur", "expediteur", "21606", "21212", "21659")
_RECEIVER_WORDS = ("receiver", "recipient", "phonenumber", "21211", "21614", "21408", "invalid 'to'")


def classify_response(config: GatewayConfig, response: requests.Response) -> ExternalServiceError:
    """A refusal, in French: the key, the credit, the sender, the number, the rate, the server."""
    where = {"provider": config.kind, "code": response.status_code}
    data = _body_json(response)
    detail = _short(json.dumps(data, ensure_ascii=False) if data is not None else response.text)
    low = detail.lower()
    status = response.status_code
    if status == 429:
        return _fail("sms.rate_limited", retryable=True, retry_after=retry_after(
            response.headers.get("Retry-After")) or 60, **where)
    if status >= 500:
        return _fail("sms.server_error", retryable=True, detail=detail, **where)
    if data is None and status < 400:
        return _fail("sms.not_json", retryable=True, detail=detail, **where)
    if status == 402 or "credit" in low:
        return _fail("sms.no_credit", retryable=False, detail=detail, **where)
    if status in (401, 403) or any(word in low for word in _KEY_WORDS):
        return _fail("sms.bad_key", retryable=False, detail=detail, **where)
    if any(word in low for word in _SENDER_WORDS):
        return _fail("sms.sender_refused", retryable=False, sender=config.sender or "",
                     detail=detail, **where)
    if any(word in low for word in _RECEIVER_WORDS):
        return _fail("sms.recipient_refused", retryable=False, detail=detail, **where)
    if data is None:
        return _fail("sms.not_json", retryable=True, detail=detail, **where)
    return _fail("sms.refused", retryable=False, detail=detail, **where)


def classify_exception(config: GatewayConfig, exc: BaseException) -> ExternalServiceError:
    host = config.url.split("//", 1)[-1].split("/", 1)[0]
    if isinstance(exc, requests.Timeout):
        message = "sms.phone_timeout" if config.kind == "android" else "sms.timeout"
        return _fail(message, retryable=True, host=host,
                     seconds=f"{config.timeout:g}".replace(".", ","))
    if isinstance(exc, requests.ConnectionError):
        message = "sms.phone_unreachable" if config.kind == "android" else "sms.unreachable"
        return _fail(message, retryable=True, host=host)
    if isinstance(exc, requests.RequestException):
        return _fail("sms.network", retryable=True, host=host, detail=_short(exc))
    raise exc


def _national(number: str) -> str:
    return number.lstrip("+")


def _request(config: GatewayConfig, session: requests.Session, sms: Outgoing):
    """(method, url, keyword arguments) of the provider's documented call."""
    base = config.url.rstrip("/")
    s = config.secrets
    if config.kind == "brevo":
        payload = {"sender": config.sender or "", "recipient": _national(sms.to),
                   "content": sms.text, "type": "marketing" if sms.commercial else "transactional",
                   "tag": sms.key}
        return "POST", f"{base}/v3/transactionalSMS/send", {
            "json": payload, "headers": {"api-key": s[0], "accept": "application/json"}}
    if config.kind == "smsmode":
        payload = {"recipient": {"to": _national(sms.to)}, "body": {"text": sms.text},
                   "refClient": sms.key}
        if config.sender:
            payload["from"] = config.sender
        return "POST", f"{base}/sms/v1/messages", {
            "json": payload, "headers": {"X-Api-Key": s[0], "Accept": "application/json"}}
    if config.kind == "twilio":
        form = {"To": sms.to, "From": config.sender or "", "Body": sms.text}
        return "POST", f"{base}/2010-04-01/Accounts/{s[0]}/Messages.json", {
            "data": form, "auth": (s[0], s[1])}
    if config.kind == "android":
        payload = {"id": sms.key, "textMessage": {"text": sms.text}, "phoneNumbers": [sms.to]}
        return "POST", f"{base}/messages", {"json": payload, "auth": (s[0], s[1])}
    if config.kind == "ovh":
        return _ovh_request(config, session, sms, base)
    raise ValueError(f"unknown gateway kind {config.kind!r}")


def ovh_signature(secret: str, consumer: str, method: str, url: str, body: str,
                  timestamp: str) -> str:
    raw = "+".join((secret, consumer, method, url, body, timestamp))
    return "$1$" + hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _ovh_request(config: GatewayConfig, session, sms: Outgoing, base: str):
    application, secret, consumer = config.secrets
    time_answer = session.get(f"{base}/1.0/auth/time", timeout=config.timeout)
    if time_answer.status_code != 200 or not time_answer.text.strip().isdigit():
        raise classify_response(config, time_answer)
    timestamp = time_answer.text.strip()
    payload = {"message": sms.text, "receivers": [sms.to], "noStopClause": not sms.commercial,
               "charset": "UTF-8", "tag": sms.key[:20]}
    if config.sender:
        payload["sender"] = config.sender
    else:
        payload["senderForResponse"] = True
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    url = f"{base}/1.0/sms/{config.account}/jobs"
    headers = {"X-Ovh-Application": application, "X-Ovh-Consumer": consumer,
               "X-Ovh-Timestamp": timestamp, "Content-Type": "application/json",
               "X-Ovh-Signature": ovh_signature(secret, consumer, "POST", url, body, timestamp)}
    return "POST", url, {"data": body.encode("utf-8"), "headers": headers}


def _reference(config: GatewayConfig, sms: Outgoing, data) -> str:
    if config.kind == "ovh":
        if sms.to in (data.get("invalidReceivers") or []):
            raise _fail("sms.recipient_refused", retryable=False, provider="ovh", code=200,
                        detail=sms.to)
        return ",".join(str(i) for i in data.get("ids") or [])
    if config.kind == "brevo":
        return str(data.get("messageId") or data.get("reference") or "")
    if config.kind == "twilio":
        return str(data.get("sid") or "")
    if config.kind == "smsmode":
        return str(data.get("messageId") or "")
    return str(data.get("id") or sms.key)


def send(config: GatewayConfig, sms: Outgoing, *,
         session: requests.Session | None = None) -> Sent:
    """Hand one message to the gateway; raises ExternalServiceError when it is not taken."""
    if len(config.secrets) != len(SECRETS[config.kind]) or not all(config.secrets):
        raise _fail("sms.secrets_missing", retryable=False, provider=config.kind)
    own = session is None
    session = session or requests.Session()
    try:
        method, url, kwargs = _request(config, session, sms)
        response = session.request(method, url, timeout=config.timeout,
                                   allow_redirects=False, **kwargs)
    except ExternalServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - classify_exception re-raises what it does not know
        raise classify_exception(config, exc) from exc
    finally:
        if own:
            session.close()
    if config.kind == "android" and response.status_code == 409:
        return Sent(sms.key)  # this id was already taken: the phone has it, send nothing more
    if not 200 <= response.status_code < 300:
        raise classify_response(config, response)
    data = _body_json(response)
    if not isinstance(data, dict):
        raise classify_response(config, response) if data is None else _fail(
            "sms.not_json", retryable=True, provider=config.kind, code=response.status_code,
            detail=_short(response.text))
    return Sent(_reference(config, sms, data))


@dataclass(frozen=True)
class Incoming:
    id: str
    sender: str  # E.164
    text: str


INBOUND = frozenset({"ovh"})  # providers whose API lists the answers received


def _ovh_signed(config: GatewayConfig, session, method: str, path: str):
    application, secret, consumer = config.secrets
    base = config.url.rstrip("/")
    stamp = session.get(f"{base}/1.0/auth/time", timeout=config.timeout)
    if stamp.status_code != 200 or not stamp.text.strip().isdigit():
        raise classify_response(config, stamp)
    url = f"{base}/1.0/sms/{config.account}{path}"
    headers = {"X-Ovh-Application": application, "X-Ovh-Consumer": consumer,
               "X-Ovh-Timestamp": stamp.text.strip(),
               "X-Ovh-Signature": ovh_signature(secret, consumer, method, url, "",
                                                stamp.text.strip())}
    response = session.request(method, url, headers=headers, timeout=config.timeout)
    if not 200 <= response.status_code < 300:
        raise classify_response(config, response)
    return _body_json(response) if method == "GET" else None


def fetch_incoming(config: GatewayConfig, *, session: requests.Session | None = None
                   ) -> list[Incoming]:
    """The answers received (OVH: GET /sms/{service}/incoming and each message), oldest
    first; an empty list for providers without an inbound API (the Android gateway sends
    them to a webhook, which needs a listening server)."""
    if config.kind not in INBOUND:
        return []
    own = session is None
    session = session or requests.Session()
    try:
        ids = _ovh_signed(config, session, "GET", "/incoming")
        if not isinstance(ids, list):
            raise _fail("sms.not_json", retryable=True, provider=config.kind, code=200,
                        detail="incoming")
        found = []
        for number in sorted(ids):
            data = _ovh_signed(config, session, "GET", f"/incoming/{number}")
            if isinstance(data, dict):
                found.append(Incoming(str(number), str(data.get("sender") or ""),
                                      str(data.get("message") or "")))
        return found
    except ExternalServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - classify_exception re-raises what it does not know
        raise classify_exception(config, exc) from exc
    finally:
        if own:
            session.close()


def forget_incoming(config: GatewayConfig, incoming_id: str) -> None:
    """Delete an answer once recorded, so the next fetch does not read it again."""
    with requests.Session() as session:
        try:
            _ovh_signed(config, session, "DELETE", f"/incoming/{incoming_id}")
        except ExternalServiceError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise classify_exception(config, exc) from exc


def new_session() -> requests.Session:
    """One HTTP session (kept-alive connections) for a whole drain of the outbox."""
    return requests.Session()
