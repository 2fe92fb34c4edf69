"""The accountant's numbers the FEC uses: the roots of the client (411) and VAT collected
(44571) accounts, and the account of each cash/bank journal; kept as JSON in the company
settings row, with defaults of the plan comptable général."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, raise_if
from extradesk.core.legal import CompanyIdentity
from extradesk.db.session import unit_of_work
from extradesk.models import CompanySettings
from extradesk.services.context import Context

_S = CompanySettings.__table__
ROW_ID = 1


@dataclass(frozen=True)
class AccountingSettings:
    client_root: str = "411"  # + the client's number: its auxiliary account
    vat_root: str = "44571"  # + the rate's code (200 for 20 %, 055 for 5,5 %)
    bank_account: str = "512000"  # a cash/bank journal with no account of its own
    journal_accounts: dict[str, str] = field(default_factory=lambda: {"CA": "530000",
                                                                      "BQ": "512000"})

    def client_account(self) -> str:
        return self.client_root.ljust(6, "0")

    def client_aux(self, client_id: int) -> str:
        return f"{self.client_root}{client_id:06d}"

    def vat_account(self, rate: Decimal) -> str:
        return f"{self.vat_root}{int(rate * 10):03d}"

    def treasury_account(self, journal_code: str | None) -> str:
        return self.journal_accounts.get((journal_code or "").upper(), self.bank_account)


def load(conn: Connection) -> AccountingSettings:
    raw = conn.execute(select(_S.c.accounting).where(_S.c.id == ROW_ID)).scalar()
    if not raw:
        return AccountingSettings()
    return replace(AccountingSettings(), **json.loads(raw))


def get_accounting(ctx: Context) -> AccountingSettings:
    with ctx.db.engine.connect() as conn:
        return load(conn)


def _digits(name: str, value: str, problems: list[Problem], *, most: int) -> None:
    if not (value.isdigit() and value.isascii() and 1 <= len(value) <= most):
        problems.append(Problem(name, "export.account_invalid", {"value": value, "max": most}))


def set_accounting(ctx: Context, **changes) -> Changes:
    """Change some numbers: set_accounting(ctx, client_root='4110', journal_accounts={…})."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        settings = replace(load(conn), **changes)
        problems: list[Problem] = []
        _digits("client_root", settings.client_root, problems, most=6)
        _digits("vat_root", settings.vat_root, problems, most=8)
        _digits("bank_account", settings.bank_account, problems, most=12)
        for account in settings.journal_accounts.values():
            _digits("journal_accounts", account, problems, most=12)
        raise_if(problems)
        value = json.dumps(asdict(settings))
        done = conn.execute(_S.update().where(_S.c.id == ROW_ID).values(accounting=value))
        if done.rowcount == 0:  # nobody filled in the company yet: a row of defaults
            defaults = {f.name: getattr(CompanyIdentity(), f.name)
                        for f in fields(CompanyIdentity)}
            conn.execute(_S.insert().values(id=ROW_ID, **defaults, accounting=value))
    return Changes(preferences=True)
