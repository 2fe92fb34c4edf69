"""The sales accounts of the accounting plan (706000 Prestations de services...) and which
one is the waiting account given to articles created on the fly."""

from __future__ import annotations

import re

from sqlalchemy import Connection, func, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError, NotFoundError, Problem, raise_if
from extradesk.core.validation import clean
from extradesk.db.session import unit_of_work
from extradesk.models import AccountingAccount, Article, ArticleFamily
from extradesk.services.articles.dto import AccountItem
from extradesk.services.context import Context

_A = AccountingAccount.__table__.c
_CODE = re.compile(r"^\d{3,10}$")
LIST_NAME = "account"  # in Changes.references


def waiting_account_id(conn: Connection) -> int:
    found = conn.execute(select(_A.id).where(_A.waiting.is_(True)).order_by(_A.id)).scalar()
    if found is None:  # the mark was never moved away from nothing: 707900 is seeded
        raise NotFoundError("account.no_waiting")
    return found


def list_accounts(ctx: Context, *, with_usage: bool = False) -> list[AccountItem]:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_A.id, _A.code, _A.label, _A.waiting, _A.active)
                            .order_by(_A.code)).all()
        usage: dict[int, int] = {}
        if with_usage:
            for column in (Article.__table__.c.account_id, ArticleFamily.__table__.c.account_id):
                for key, count in conn.execute(select(column, func.count()).group_by(column)):
                    if key is not None:
                        usage[key] = usage.get(key, 0) + count
    return [AccountItem(r.id, r.code, r.label, bool(r.waiting), bool(r.active),
                        usage.get(r.id, 0)) for r in rows]


def _check(conn: Connection, code: str | None, label: str | None,
           exclude_id: int | None) -> tuple[str, str]:
    code, label = clean(code) or "", clean(label) or ""
    problems = []
    if not _CODE.match(code):
        problems.append(Problem("account_code", "account.code_invalid", {"value": code}))
    if not label:
        problems.append(Problem("label", "reference.label_required"))
    elif len(label) > 100:
        problems.append(Problem("label", "field.too_long", {"limit": 100, "length": len(label)}))
    raise_if(problems)
    other = conn.execute(select(_A.id).where(_A.code == code)).scalar()
    if other is not None and other != exclude_id:
        raise ConflictError("account.code_taken", value=code)
    return code, label


def add_account(ctx: Context, code: str | None, *, label: str | None) -> tuple[int, Changes]:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        code, label = _check(conn, code, label, None)
        position = conn.execute(select(func.coalesce(func.max(_A.position), 0))).scalar() + 1
        new_id = conn.execute(AccountingAccount.__table__.insert().values(
            code=code, label=label, position=position, active=True, waiting=False)
        ).inserted_primary_key[0]
    return new_id, Changes(references=frozenset({LIST_NAME}))


def update_account(ctx: Context, account_id: int, *, code: str | None,
                   label: str | None) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        code, label = _check(conn, code, label, account_id)
        done = conn.execute(update(AccountingAccount.__table__).where(_A.id == account_id)
                            .values(code=code, label=label))
        if done.rowcount == 0:
            raise NotFoundError("account.not_found", id=account_id)
    return Changes(references=frozenset({LIST_NAME}), everything=True)


def set_waiting(ctx: Context, account_id: int) -> Changes:
    """Make `account_id` the account of articles to classify (only one is)."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if conn.execute(select(_A.id).where(_A.id == account_id)).scalar() is None:
            raise NotFoundError("account.not_found", id=account_id)
        table = AccountingAccount.__table__
        conn.execute(update(table).values(waiting=_A.id == account_id))
    return Changes(references=frozenset({LIST_NAME}), everything=True)


def set_active(ctx: Context, account_id: int, *, active: bool) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        done = conn.execute(update(AccountingAccount.__table__).where(_A.id == account_id)
                            .values(active=active))
        if done.rowcount == 0:
            raise NotFoundError("account.not_found", id=account_id)
    return Changes(references=frozenset({LIST_NAME}))
