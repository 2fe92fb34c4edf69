"""A forwarding HTTP proxy on 127.0.0.1 between extradesk and Radicale, for fault injection.

It forwards every request unchanged and can: cut the connection at request n (before
forwarding it, or after the server did the work but before the answer comes back — the
worst case for a PUT), delay its answers (a slow server), and call a hook before
forwarding (e.g. the phone edits an event between our read and our write).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection"}


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request seen
        self.answers: list[tuple[str, int]] = []  # (method, status) the server gave
        self.cut_at: int | None = None  # 1-based request number to cut
        self.cut_after_forward = False  # True: the server does the work, the answer is lost
        self.delay = 0.0  # seconds before answering
        self.before: Callable[[str, str], None] | None = None
        self._lock = threading.Lock()
        self._released = threading.Event()  # ends pending delays at shutdown
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like the real client uses

            def log_message(self, *args) -> None:
                pass

            def _any(self) -> None:
                proxy._handle(self)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCALENDAR = _any
            do_OPTIONS = do_HEAD = do_POST = do_PROPPATCH = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/"

    def close(self) -> None:
        self._released.set()
        self.server.shutdown()
        self.server.server_close()

    def _cut(self, handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        with contextlib.suppress(OSError):  # the client may have hung up first
            handler.connection.shutdown(socket.SHUT_RDWR)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append((handler.command, handler.path))
            number = len(self.requests)
        cut = self.cut_at is not None and number >= self.cut_at
        if cut and not self.cut_after_forward:
            return self._cut(handler)
        if self.before is not None:
            self.before(handler.command, handler.path)
        upstream = http.client.HTTPConnection("127.0.0.1", self.target_port, timeout=30)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
        upstream.request(handler.command, handler.path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        upstream.close()
        with self._lock:
            self.answers.append((handler.command, answer.status))
        if cut:
            return self._cut(handler)
        if self.delay:
            self._released.wait(self.delay)
        try:
            handler.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in _HOP and key.lower() != "content-length":
                    handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:  # the client gave up waiting (timeout test)
            handler.close_connection = True
