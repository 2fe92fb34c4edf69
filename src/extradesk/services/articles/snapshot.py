"""What a document line keeps of the article it was made from: the article's id, its family's
name and its sales account's code as they are at that moment (the lines of an issued invoice
keep them whatever happens to the article later)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from extradesk.models import AccountingAccount, Article, ArticleFamily
from extradesk.services.articles.checks import code_key

_A, _F, _C = Article.__table__.c, ArticleFamily.__table__.c, AccountingAccount.__table__.c
NONE = {"article_id": None, "family_name": None, "account_code": None}

_BY_KEYS = (select(_A.code_key, _A.id, _F.label, _C.code)
            .select_from(Article.__table__
                         .outerjoin(ArticleFamily.__table__, _F.id == _A.family_id)
                         .outerjoin(AccountingAccount.__table__, _C.id == _A.account_id)))


def snapshots(conn: Connection, codes: Iterable[str | None]) -> dict[str, dict]:
    """code as typed -> the snapshot of the article it names (codes naming none are absent)."""
    by_key: dict[str, list[str]] = {}
    for code in codes:
        key = code_key(code)
        if key:
            by_key.setdefault(key, []).append(code)
    found: dict[str, dict] = {}
    keys = sorted(by_key)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        for key, article_id, family, account in conn.execute(
                _BY_KEYS.where(_A.code_key.in_(chunk))):
            for code in by_key[key]:
                found[code] = {"article_id": article_id, "family_name": family,
                               "account_code": account}
    return found


def snapshot(conn: Connection, code: str | None) -> dict:
    """The snapshot columns of a line with this code (all None when no article has it)."""
    return snapshots(conn, [code]).get(code, NONE) if code else NONE
