"""A local HTTP server playing the five SMS gateways' documented APIs: it checks what each
provider checks (OVH's signature and clock, Twilio's Basic auth and form fields, the Android
gateway's JSON and idempotent id, the API keys), records what it accepted, and answers the
faults a test queues (429 with Retry-After, 500, an HTML page…)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

OVH = ("ak-123", "as-secret-456", "ck-789")
OVH_SERVICE = "sms-ab12345-1"
BREVO_KEY = "xkeysib-abc"
SMSMODE_KEY = "smsmode-key"
TWILIO = ("AC0123456789abcdef0123456789abcdef", "twilio-token")
ANDROID = ("sms", "gate-pass")
SECRETS = {"ovh": list(OVH), "brevo": [BREVO_KEY], "smsmode": [SMSMODE_KEY],
           "twilio": list(TWILIO), "android": list(ANDROID)}
ALLOWED_SENDERS = {None, "", "PiscAzur", "+33612345678"}


@dataclass
class Fault:
    status: int
    body: str = ""
    headers: dict = field(default_factory=dict)
    content_type: str = "application/json"
    after_accept: bool = False  # the gateway takes the message, then the answer is lost


class _Handler(BaseHTTPRequestHandler):
    server: FakeGateway
    protocol_version = "HTTP/1.1"  # keep-alive, as the real APIs: one connection per drain
    disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed ACK)

    def log_message(self, *args):  # quiet
        pass

    def _answer(self, status: int, body, *, content_type="application/json", headers=None):
        data = body if isinstance(body, str) else json.dumps(body)
        raw = data.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self):
        if self.path == "/1.0/auth/time":
            self.server.calls.append(("GET", self.path))
            return self._answer(200, str(int(time.time())), content_type="text/plain")
        return self._incoming("GET")

    def do_DELETE(self):
        return self._incoming("DELETE")

    def _incoming(self, method: str):
        """OVH's inbound API: the list of ids, one answer, its deletion; signed like a POST
        with an empty body."""
        prefix = f"/1.0/sms/{OVH_SERVICE}/incoming"
        if not self.path.startswith(prefix):
            return self._answer(404, {"message": "not found"})
        stamp = self.headers.get("X-Ovh-Timestamp", "")
        url = f"http://127.0.0.1:{self.server.server_port}{self.path}"
        raw = "+".join((OVH[1], OVH[2], method, url, "", stamp))
        if (self.headers.get("X-Ovh-Application") != OVH[0] or self.headers.get(
                "X-Ovh-Signature") != "$1$" + hashlib.sha1(raw.encode()).hexdigest()):
            return self._answer(400, {"message": "Invalid signature"})
        rest = self.path[len(prefix):].strip("/")
        if not rest:
            return self._answer(200, sorted(self.server.incoming))
        if int(rest) not in self.server.incoming:
            return self._answer(404, {"message": "This incoming does not exist"})
        if method == "DELETE":
            del self.server.incoming[int(rest)]
            return self._answer(200, "null")
        sender, message = self.server.incoming[int(rest)]
        return self._answer(200, {"id": int(rest), "sender": sender, "message": message,
                                  "creationDatetime": "2026-12-05T10:00:00+01:00"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.server.calls.append(("POST", self.path))
        with self.server.lock:
            fault = self.server.faults.pop(0) if self.server.faults else None
        if fault is not None and fault.after_accept:
            self._route(body)
        if fault is not None:
            return self._answer(fault.status, fault.body, content_type=fault.content_type,
                                headers=fault.headers)
        try:
            status, answer = self._route(body)
        except (ValueError, KeyError, TypeError) as exc:
            status, answer = 400, {"message": f"bad request: {exc}"}
        return self._answer(status, answer)

    def _basic(self) -> tuple[str, str] | None:
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            return None
        login, _, password = base64.b64decode(auth[6:]).decode().partition(":")
        return login, password

    def _accept(self, provider, to, text, sender=None, key=None):
        if sender not in ALLOWED_SENDERS:
            return False
        self.server.accepted.append({"provider": provider, "to": to, "text": text,
                                     "sender": sender, "id": key})
        return True

    def _route(self, body: bytes):
        path = self.path
        if path == f"/1.0/sms/{OVH_SERVICE}/jobs":
            return self._ovh(body)
        if path == "/v3/transactionalSMS/send":
            if self.headers.get("api-key") != BREVO_KEY:
                return 401, {"code": "unauthorized", "message": "Key not found"}
            data = json.loads(body)
            if data["type"] not in ("transactional", "marketing") or not data["recipient"]:
                raise ValueError("type")
            if not self._accept("brevo", data["recipient"], data["content"], data["sender"]):
                return 400, {"code": "invalid_parameter", "message": "Invalid sender"}
            return 201, {"reference": "ref-1", "messageId": len(self.server.accepted)}
        if path == "/sms/v1/messages":
            if self.headers.get("X-Api-Key") != SMSMODE_KEY:
                return 401, {"message": "Unauthorized"}
            data = json.loads(body)
            if not self._accept("smsmode", data["recipient"]["to"], data["body"]["text"],
                                data.get("from")):
                return 400, {"message": "from: sender not allowed"}
            return 201, {"messageId": f"sm-{len(self.server.accepted)}"}
        if path == f"/2010-04-01/Accounts/{TWILIO[0]}/Messages.json":
            if self._basic() != TWILIO:
                return 401, {"code": 20003, "message": "Authenticate"}
            if "application/x-www-form-urlencoded" not in self.headers.get("Content-Type", ""):
                raise ValueError("form expected")
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if not form["To"].startswith("+"):
                return 400, {"code": 21211, "message": "Invalid 'To' Phone Number"}
            if not self._accept("twilio", form["To"], form["Body"], form.get("From")):
                return 400, {"code": 21606, "message": "The From phone number is not valid"}
            return 201, {"sid": f"SM{len(self.server.accepted):032d}", "status": "queued"}
        if path == "/messages":
            return self._android(body)
        return 404, {"message": "not found"}

    def _ovh(self, body: bytes):
        headers = self.headers
        if headers.get("X-Ovh-Application") != OVH[0]:
            return 403, {"errorCode": "INVALID_KEY", "message": "Invalid application key"}
        if headers.get("X-Ovh-Consumer") != OVH[2]:
            return 403, {"errorCode": "INVALID_CREDENTIAL", "message": "This credential is "
                         "not valid"}
        stamp = headers.get("X-Ovh-Timestamp", "")
        if not stamp.isdigit() or abs(int(stamp) - time.time()) > 60:
            return 400, {"errorCode": "QUERY_TIME_OUT", "message": "Query out of time"}
        url = f"http://127.0.0.1:{self.server.server_port}{self.path}"
        raw = "+".join((OVH[1], OVH[2], "POST", url, body.decode(), stamp))
        if headers.get("X-Ovh-Signature") != "$1$" + hashlib.sha1(raw.encode()).hexdigest():
            return 400, {"errorCode": "INVALID_SIGNATURE", "message": "Invalid signature"}
        data = json.loads(body)
        if not isinstance(data["noStopClause"], bool) or data["charset"] != "UTF-8":
            raise ValueError("noStopClause/charset")
        valid = [r for r in data["receivers"] if r.startswith("+") and len(r) >= 11]
        invalid = [r for r in data["receivers"] if r not in valid]
        for to in valid:
            if not self._accept("ovh", to, data["message"], data.get("sender")):
                return 400, {"message": f"The sender {data.get('sender')} does not exist"}
        if valid:
            self.server.accepted[-1]["stop_clause"] = not data["noStopClause"]
        return 200, {"ids": [len(self.server.accepted)] if valid else [],
                     "validReceivers": valid, "invalidReceivers": invalid,
                     "totalCreditsRemoved": len(valid)}

    def _android(self, body: bytes):
        if self._basic() != ANDROID:
            return 401, {"message": "Unauthorized"}
        data = json.loads(body)
        key, text, numbers = data["id"], data["textMessage"]["text"], data["phoneNumbers"]
        if not key or not isinstance(numbers, list) or not text:
            raise ValueError("id/textMessage/phoneNumbers")
        with self.server.lock:
            if key in self.server.android_ids:
                return 409, {"message": "message with this id already exists"}
            self.server.android_ids.add(key)
        for to in numbers:
            self._accept("android", to, text, None, key)
        return 202, {"id": key, "state": "Pending"}


class FakeGateway(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.accepted: list[dict] = []
        self.calls: list[tuple[str, str]] = []
        self.faults: list[Fault] = []
        self.android_ids: set[str] = set()
        self.incoming: dict[int, tuple[str, str]] = {}  # OVH answers received: id -> (from, text)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def fail_next(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def reset(self) -> None:
        with self.lock:
            self.accepted.clear()
            self.calls.clear()
            self.faults.clear()
            self.android_ids.clear()
            self.incoming.clear()


@contextlib.contextmanager
def serve():
    server = FakeGateway()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def silent_server():
    """A socket that accepts connections (backlog) and never answers: a time-out."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield f"http://127.0.0.1:{s.getsockname()[1]}"
