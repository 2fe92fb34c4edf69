"""Plain values about the article base that cross from services to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

Number = str | Decimal | int | None


@dataclass(frozen=True)
class ArticleInput:
    """An article as typed; numbers may be French text ('1 234,5'), Decimal or int.

    Sale price: `sale_price`, or `margin` (a coefficient on the purchase price: 1,35) when
    no sale price is given. `vat_rate` None: the sub-family's, the family's, else 20 %.
    `account_id` None: the waiting account (707900 "Articles à classer").
    """

    code: str | None = None
    label: str | None = None
    description: str | None = None
    unit: str | None = None
    purchase_price: Number = None
    sale_price: Number = None
    margin: Number = None
    vat_rate: Number = None
    family_id: int | None = None
    sub_family_id: int | None = None
    account_id: int | None = None
    supplier_id: int | None = None
    supplier_ref: str | None = None
    active: bool = True


@dataclass(frozen=True)
class ArticleDetail:
    id: int
    code: str
    label: str
    description: str | None
    unit: str | None
    purchase_price: Decimal | None
    sale_price: Decimal | None
    margin: Decimal | None
    vat_rate: Decimal
    family_id: int | None
    sub_family_id: int | None
    account_id: int
    supplier_id: int | None
    supplier_ref: str | None
    active: bool
    family: str  # labels, "" when none
    sub_family: str
    account: str  # "707900 Articles à classer"
    supplier: str
    to_classify: bool  # on the waiting account
    price_updated_on: date | None
    notice_count: int
    created_at: datetime
    updated_at: datetime

    def as_input(self) -> ArticleInput:
        return ArticleInput(**{f.name: getattr(self, f.name) for f in fields(ArticleInput)})


class ArticleRow(NamedTuple):
    """One line of the Articles list (a tuple: cheap to build by the thousand)."""

    id: int
    code: str
    label: str
    unit: str | None
    purchase_price: Decimal | None
    sale_price: Decimal | None
    vat_rate: Decimal
    family: str
    sub_family: str
    account_code: str
    supplier: str
    notices: int
    active: bool
    to_classify: bool


@dataclass(frozen=True)
class ArticleFilter:
    family_id: int | None = None  # a family (its sub-families too) or one sub-family
    to_classify: bool = False  # only articles on the waiting account
    active: bool | None = True  # None: active and inactive
    supplier_id: int | None = None
    reference: str | None = None  # a code starting so, or this exact supplier reference


@dataclass(frozen=True)
class FamilyItem:
    id: int
    label: str
    parent_id: int | None
    account_id: int | None
    vat_rate: Decimal | None
    active: bool
    usage: int = 0  # articles in it


@dataclass(frozen=True)
class AccountItem:
    id: int
    code: str
    label: str
    waiting: bool
    active: bool
    usage: int = 0

    @property
    def display(self) -> str:
        return f"{self.code} {self.label}"


@dataclass(frozen=True)
class SupplierInput:
    label: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    customer_number: str | None = None


@dataclass(frozen=True)
class Notice:
    attachment_id: int
    name: str
    size: int
    sha256: str
    added_at: datetime


@dataclass(frozen=True)
class NoticeFile:
    """A stored notice file, for a mail: attach `path` under the name `name`."""

    name: str
    path: Path
    size: int
    article_code: str


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    problems: tuple[str, ...]  # French, "Ligne 12 : …"; nothing imported when not empty
