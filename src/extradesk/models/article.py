"""The article base: articles, their two-level families, the sales accounts of the
accounting plan, and technical notices stored once per content hash."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Text

from extradesk.models.base import Field, SQLModel
from extradesk.models.reference import _ReferenceItem
from extradesk.models.types import ScaledDecimal, UTCDateTime


def _fk(target: str, *, nullable: bool = True, ondelete: str | None = None,
        index: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


class AccountingAccount(_ReferenceItem, table=True):
    """A sales account of the plan comptable (706000 Prestations de services...).

    `waiting` marks the one account articles created on the fly get (707900 by default);
    the user may move the mark to another account.
    """

    __tablename__ = "accounting_accounts"
    __table_args__ = (Index("ix_accounting_accounts_code", "code", unique=True),)

    code: str = Field(sa_column=Column(String(12), nullable=False))
    waiting: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                          server_default="0"))


class ArticleFamily(_ReferenceItem, table=True):
    """A family (parent_id None) or a sub-family, with the defaults it proposes."""

    __tablename__ = "article_families"

    parent_id: int | None = Field(default=None, sa_column=_fk("article_families.id",
                                                              ondelete="CASCADE"))
    account_id: int | None = Field(default=None, sa_column=_fk("accounting_accounts.id"))
    vat_rate: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(2),
                                                                    nullable=True))


class Article(SQLModel, table=True):
    __tablename__ = "articles"
    __table_args__ = (
        # Unique whatever the case: 'W1245ER' and 'w1245er' are the same article.
        Index("ix_articles_code_key", "code_key", unique=True),
        # The Articles tab: active ones in code order straight off an index.
        Index("ix_articles_active_code", "active", "code_key"),
        Index("ix_articles_active_label", "active", "sort_label"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_column=Column(String(40), nullable=False))  # as typed
    code_key: str = Field(sa_column=Column(String(40), nullable=False))  # folded code
    label: str = Field(sa_column=Column(String(300), nullable=False))
    sort_label: str = Field(default="", sa_column=Column(String(300), nullable=False))
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    unit: str | None = Field(default=None, max_length=12)
    # Unit prices HT in 1/10000 like document lines; margin is a coefficient (1,35).
    purchase_price: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(4)))
    sale_price: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(4)))
    margin: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(4)))
    vat_rate: Decimal = Field(sa_column=Column(ScaledDecimal(2), nullable=False))
    family_id: int | None = Field(default=None, sa_column=_fk("article_families.id"))
    sub_family_id: int | None = Field(default=None, sa_column=_fk("article_families.id"))
    account_id: int = Field(sa_column=_fk("accounting_accounts.id", nullable=False))
    supplier_id: int | None = Field(default=None, sa_column=_fk("suppliers.id"))
    supplier_ref: str | None = Field(default=None, max_length=60)
    active: bool = True
    price_updated_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Attachment(SQLModel, table=True):
    """A stored file, named by its SHA-256 in the data folder: the same bytes twice are one."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_sha256", "sha256", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(sa_column=Column(String(64), nullable=False))
    size: int
    created_at: datetime = Field(sa_type=UTCDateTime)


class ArticleNotice(SQLModel, table=True):
    """A notice of an article: which stored file, under which name the user gave it."""

    __tablename__ = "article_notices"

    article_id: int = Field(sa_column=Column(Integer, ForeignKey("articles.id",
                                                                 ondelete="CASCADE"),
                                             primary_key=True, autoincrement=False))
    attachment_id: int = Field(sa_column=Column(Integer, ForeignKey("attachments.id"),
                                                primary_key=True, autoincrement=False,
                                                index=True))
    name: str = Field(max_length=255)
    added_at: datetime = Field(sa_type=UTCDateTime)
