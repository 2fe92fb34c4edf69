"""Advice, never a block: a recipient on a consumer mailbox, the sender's SPF record not
covering the SMTP server, a From address on another domain than the account's."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from extradesk.services.outbox.mail_channel import AccountRow

# Consumer mailboxes: strict spam filters, the seed's "Pourquoi mes mails arrivent dans les
# spams ?" page names them.
CONSUMER_DOMAINS = frozenset({
    "wanadoo.fr", "orange.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr",
    "hotmail.fr", "hotmail.com", "live.fr", "outlook.fr", "outlook.com", "msn.com",
    "yahoo.fr", "yahoo.com", "gmail.com", "googlemail.com", "aol.com", "icloud.com",
    "me.com", "gmx.fr",
})
# SMTP servers of consumer providers and the domains whose addresses they may send for.
_PROVIDER_DOMAINS = {
    "gmail.com": ("gmail.com", "googlemail.com"), "orange.fr": ("orange.fr", "wanadoo.fr"),
    "free.fr": ("free.fr",), "sfr.fr": ("sfr.fr", "neuf.fr"),
    "office365.com": ("outlook.fr", "outlook.com", "hotmail.fr", "hotmail.com", "live.fr"),
    "laposte.net": ("laposte.net",),
}
# SPF include domains that stand for a provider's SMTP servers.
_SPF_ALIASES = {"gmail.com": "google.com", "office365.com": "outlook.com", "ovh.net": "ovh.com",
                "ionos.fr": "ionos.com", "gandi.net": "gandi.net"}
Resolver = Callable[[str], list[str]]  # domain -> its TXT strings; raises OSError if no answer


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(">")


def base_domain(host: str) -> str:
    """smtp.orange.fr -> orange.fr (two labels: enough for the providers we name)."""
    return ".".join(host.lower().rstrip(".").split(".")[-2:])


def consumer_warnings(to: Iterable[str], account: AccountRow | None
                      ) -> list[tuple[str, dict]]:
    """A recipient on a consumer mailbox while the sender does not go through the
    business's own SMTP (no account, or one on another domain than the From address)."""
    own = account is not None and not from_other_domain(account)
    return [] if own else [("mail.consumer_domain", {"address": a}) for a in to
                           if domain_of(a) in CONSUMER_DOMAINS]


def from_other_domain(account: AccountRow) -> bool:
    """The From address is not one the server's provider sends for (gmail.com server,
    From on piscines-azur.fr): the recipient's filters see a forged sender."""
    provider = base_domain(account.host)
    allowed = _PROVIDER_DOMAINS.get(provider)
    return allowed is not None and domain_of(account.sender_address) not in allowed


def dns_txt(domain: str, *, timeout: float = 3.0) -> list[str]:
    """The TXT strings of a domain (dnspython, with a time-out); OSError when no answer."""
    import dns.exception
    import dns.resolver

    try:
        answer = dns.resolver.resolve(domain, "TXT", lifetime=timeout)
    except dns.resolver.NXDOMAIN:
        return []
    except dns.resolver.NoAnswer:
        return []
    except dns.exception.DNSException as exc:
        raise OSError(str(exc)) from exc
    return [b"".join(r.strings).decode("utf-8", "replace") for r in answer]


def _spf_record(texts: list[str]) -> str | None:
    return next((t for t in texts if t.lower().startswith("v=spf1")), None)


def _mentions(domain: str, record: str, wanted: str, resolver: Resolver, depth: int) -> bool:
    """Does this SPF record (following include: and redirect=) name the wanted domain?"""
    for term in record.split()[1:]:
        term = term.lstrip("+~?-").lower()
        key, _, value = term.replace("=", ":", 1).partition(":")
        if key in ("a", "mx") and not value and base_domain(domain) == wanted:
            return True
        if key in ("a", "mx", "include", "redirect", "exists") and value:
            if base_domain(value) == wanted:
                return True
            if key in ("include", "redirect") and depth < 5:
                try:
                    inner = _spf_record(resolver(value))
                except OSError:
                    continue
                if inner and _mentions(value, inner, wanted, resolver, depth + 1):
                    return True
    return False


def spf_hints(account: AccountRow, *, resolver: Resolver | None = None
              ) -> list[tuple[str, dict]]:
    """What the user should know about the sender's SPF; [] when it looks right. One DNS
    TXT lookup (and the includes it names): the UI runs it on the network pool."""
    resolver = resolver or dns_txt
    domain = domain_of(account.sender_address)
    hints: list[tuple[str, dict]] = []
    if from_other_domain(account):
        hints.append(("mail.from_other_domain", {"address": account.sender_address,
                                                 "host": account.host}))
    try:
        record = _spf_record(resolver(domain))
    except OSError:
        return [*hints, ("mail.spf_unknown", {"domain": domain})]
    if record is None:
        return [*hints, ("mail.spf_missing", {"domain": domain})]
    host_domain = base_domain(account.host)
    wanted = {host_domain, _SPF_ALIASES.get(host_domain, host_domain)}
    if not any(_mentions(domain, record, w, resolver, 0) for w in wanted):
        hints.append(("mail.spf_not_covering", {"domain": domain, "host": account.host}))
    return hints
