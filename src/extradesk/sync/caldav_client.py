"""A small CalDAV client over requests: discovery, etag listing, sync-collection, multiget,
conditional PUT/DELETE. No DB, no Qt.

Why not the caldav library's object API: sync needs exact control of preconditions (If-Match
with the *status* etag, If-None-Match: * on creation), one listing request for etags and the
sync token, and a count of requests and bytes for the benchmark. Every failure becomes an
ExternalServiceError with a French message id; HTTP 412 becomes PreconditionFailed, which
the sync answers by re-reading the event.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit

import requests

from extradesk.core.errors import ExternalServiceError

NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav", "cs": "http://calendarserver.org/ns/"}
MULTIGET_BATCH = 200
PRESETS = {  # provider -> server URL to start discovery from (notes/caldav.md)
    "icloud": "https://caldav.icloud.com/",
    "nextcloud": "https://{host}/remote.php/dav",
    "fastmail": "https://caldav.fastmail.com/dav/",
}


class PreconditionFailed(Exception):
    """HTTP 412: the event changed on the server since we last saw it."""


class SyncTokenInvalid(Exception):
    """The server forgot our sync token: list everything instead."""


@dataclass
class Traffic:
    requests: int = 0
    sent: int = 0  # request body bytes
    received: int = 0  # response body bytes


def canonical(href: str) -> str:
    """The same member comes back as `%40` from one REPORT and `@` from another."""
    return unquote(urlsplit(href).path)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>' + body).encode()


class CalDavClient:
    def __init__(self, url: str, login: str, password: str, *, timeout: float = 20) -> None:
        if not url.startswith(("http://", "https://")):
            raise ExternalServiceError("caldav.url_invalid", retryable=False, url=url)
        self.url = url if url.endswith("/") else url + "/"
        self.session = requests.Session()
        self.session.auth = (login, password)
        self.session.headers["User-Agent"] = "extradesk"
        self.timeout = timeout
        self.traffic = Traffic()

    def close(self) -> None:
        self.session.close()

    def absolute(self, href: str) -> str:
        return urljoin(self.url, quote(canonical(href)))

    def _send(self, method: str, url: str, *, body: bytes | None = None,
              headers: dict | None = None) -> requests.Response:
        self.traffic.requests += 1
        self.traffic.sent += len(body or b"")
        try:
            response = self.session.request(method, url, data=body, headers=headers or {},
                                            timeout=self.timeout, allow_redirects=True)
            content = response.content
        except requests.Timeout as exc:  # a slow server is not an unreachable one: say which
            raise ExternalServiceError("caldav.timeout", retryable=True, url=self.url,
                                       seconds=f"{self.timeout:g}".replace(".", ",")) from exc
        except requests.RequestException as exc:
            raise ExternalServiceError("caldav.unreachable", retryable=True,
                                       url=self.url, detail=str(exc)[:200]) from exc
        self.traffic.received += len(content)
        status = response.status_code
        if status in (401, 403) and method != "REPORT":
            raise ExternalServiceError("caldav.auth_refused", retryable=False, url=self.url)
        if status == 412:
            raise PreconditionFailed(url)
        if status in (405, 501) and method in ("PROPFIND", "REPORT", "MKCALENDAR"):
            raise ExternalServiceError("caldav.not_caldav", retryable=False, url=self.url)
        if status >= 500:
            raise ExternalServiceError("caldav.server_error", retryable=True, status=status)
        return response

    def _multistatus(self, response: requests.Response) -> list[ET.Element]:
        if response.status_code != 207:
            raise ExternalServiceError("caldav.not_caldav", retryable=False, url=self.url,
                                       status=response.status_code)
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError as exc:
            raise ExternalServiceError("caldav.not_caldav", retryable=False,
                                       url=self.url) from exc
        return root.findall("d:response", NS)

    def _propfind(self, url: str, props: str, depth: int) -> list[ET.Element]:
        body = _xml(f'<d:propfind xmlns:d="DAV:" xmlns:c="{NS["c"]}" xmlns:cs="{NS["cs"]}">'
                    f"<d:prop>{props}</d:prop></d:propfind>")
        return self._multistatus(self._send(
            "PROPFIND", url, body=body,
            headers={"Depth": str(depth), "Content-Type": "application/xml; charset=utf-8"}))

    # --- discovery --------------------------------------------------------------------------

    def _home(self) -> str:
        found = self._propfind(self.url, "<d:current-user-principal/>", 0)
        principal = next((h.text for r in found
                          for h in r.iterfind(".//d:current-user-principal/d:href", NS)), None)
        homes = self._propfind(urljoin(self.url, principal or ""), "<c:calendar-home-set/>", 0)
        home = next((h.text for r in homes
                     for h in r.iterfind(".//c:calendar-home-set/d:href", NS)), None)
        return urljoin(self.url, home or "")

    def calendars(self) -> list[tuple[str, str]]:
        """(absolute URL, display name) of every calendar of the account."""
        result = []
        for response in self._propfind(self._home(), "<d:resourcetype/><d:displayname/>", 1):
            if response.find(".//d:resourcetype/c:calendar", NS) is None:
                continue
            href = response.findtext("d:href", "", NS)
            name = response.findtext(".//d:displayname", "", NS) or canonical(href).strip(
                "/").rsplit("/", 1)[-1]
            result.append((self.absolute(href), name))
        return result

    def create_calendar(self, name: str, slug: str) -> str:
        url = urljoin(self._home(), quote(slug) + "/")
        body = _xml(f'<c:mkcalendar xmlns:d="DAV:" xmlns:c="{NS["c"]}"><d:set><d:prop>'
                    f"<d:displayname>{name}</d:displayname></d:prop></d:set></c:mkcalendar>")
        response = self._send("MKCALENDAR", url, body=body,
                              headers={"Content-Type": "application/xml; charset=utf-8"})
        if response.status_code not in (200, 201):
            raise ExternalServiceError("caldav.not_caldav", retryable=False, url=self.url)
        return url

    # --- reading ----------------------------------------------------------------------------

    def list_etags(self, calendar: str) -> tuple[dict[str, str], str | None]:
        """href -> etag of every event (bodies not downloaded), and the sync token."""
        etags, token = {}, None
        own = canonical(calendar)
        for response in self._propfind(calendar, "<d:getetag/><d:sync-token/>", 1):
            href = canonical(response.findtext("d:href", "", NS))
            if href.rstrip("/") == own.rstrip("/"):
                token = response.findtext(".//d:sync-token", None, NS)
                continue
            etag = response.findtext(".//d:getetag", None, NS)
            if etag:  # deleted members come back without one (Radicale, Nextcloud)
                etags[href] = etag
        return etags, token

    def changes(self, calendar: str, token: str) -> tuple[dict[str, str], set[str], str]:
        """Changed href -> etag, deleted hrefs and the new token, since `token`."""
        body = _xml(f'<d:sync-collection xmlns:d="DAV:"><d:sync-token>{token}</d:sync-token>'
                    "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                    "</d:sync-collection>")  # never a limit: Nextcloud skips the rest
        response = self._send("REPORT", calendar, body=body, headers={
            "Content-Type": "application/xml; charset=utf-8", "Depth": "0"})
        if response.status_code in (400, 403, 409):
            raise SyncTokenInvalid(token)
        changed, deleted = {}, set()
        for item in self._multistatus(response):
            href = canonical(item.findtext("d:href", "", NS))
            etag = item.findtext(".//d:getetag", None, NS)
            if etag and "404" not in (item.findtext("d:status", "", NS) or ""):
                changed[href] = etag
            else:
                deleted.add(href)
        new_token = ET.fromstring(response.content).findtext("d:sync-token", token, NS)
        return changed, deleted, new_token

    def fetch(self, calendar: str, hrefs) -> dict[str, tuple[str, str]]:
        """href -> (etag, iCalendar text), by calendar-multiget in batches."""
        hrefs, result = sorted(hrefs), {}
        for i in range(0, len(hrefs), MULTIGET_BATCH):
            wanted = "".join(f"<d:href>{quote(h)}</d:href>" for h in hrefs[i:i + MULTIGET_BATCH])
            body = _xml(f'<c:calendar-multiget xmlns:d="DAV:" xmlns:c="{NS["c"]}"><d:prop>'
                        f"<d:getetag/><c:calendar-data/></d:prop>{wanted}</c:calendar-multiget>")
            response = self._send("REPORT", calendar, body=body, headers={
                "Content-Type": "application/xml; charset=utf-8", "Depth": "1"})
            for item in self._multistatus(response):
                data = item.findtext(".//c:calendar-data", None, NS)
                etag = item.findtext(".//d:getetag", None, NS)
                if data is not None and etag:
                    result[canonical(item.findtext("d:href", "", NS))] = (etag, data)
        return result

    # --- writing ----------------------------------------------------------------------------

    def put(self, href: str, text: str, *, etag: str | None) -> str | None:
        """Create (etag None: If-None-Match: *) or overwrite the version we know (If-Match)."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        headers.update({"If-Match": etag} if etag else {"If-None-Match": "*"})
        response = self._send("PUT", self.absolute(href), body=text.encode(), headers=headers)
        if response.status_code not in (200, 201, 204):
            raise ExternalServiceError("caldav.server_error", retryable=False,
                                       status=response.status_code)
        return response.headers.get("ETag")

    def delete(self, href: str, *, etag: str | None) -> None:
        response = self._send("DELETE", self.absolute(href),
                              headers={"If-Match": etag} if etag else {})
        if response.status_code not in (200, 204, 404):  # 404: already gone, which we wanted
            raise ExternalServiceError("caldav.server_error", retryable=False,
                                       status=response.status_code)
