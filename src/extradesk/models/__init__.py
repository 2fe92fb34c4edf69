"""SQLModel tables, no behaviour; one module per capability, each loaded on first use.

`from extradesk.models import Client` still works: the name is looked up in `_HOMES` and its
module imported then (PEP 562). Importing this package imports nothing else, so a capability
loads its own tables only, and the start-up path (clients list, search box, session) none:
it reads through the SQLAlchemy Core views of `models.tables`, without SQLModel (~120 ms and
~15 MB with pydantic and the ORM) and the ~30 table classes (~100 ms).
Whatever needs every table — alembic, the generic merge's foreign-key walk, create_all —
asks for `metadata` (or calls `load_all()`), which imports every table module first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import MetaData

    from extradesk.models.agenda import (
        AgendaRight,
        Appointment,
        AppointmentType,
        AppointmentUser,
        CalDavAccount,
        SyncLogEntry,
        SyncStatus,
    )
    from extradesk.models.article import (
        AccountingAccount,
        Article,
        ArticleFamily,
        ArticleNotice,
        Attachment,
    )
    from extradesk.models.catalogue import CatalogueImport, CatalogueLine, CatalogueMapping
    from extradesk.models.client import Client, Ouvrage
    from extradesk.models.document import (
        Depot,
        Document,
        DocumentCounter,
        DocumentLine,
        DocumentOption,
        DocumentPdf,
        IssuedLink,
        Journal,
    )
    from extradesk.models.mail import MailTemplate, SmtpAccount
    from extradesk.models.outbox import OutboxAttachment, OutboxItem
    from extradesk.models.payments import (
        DepositSlip,
        DunningLetter,
        DunningTemplate,
        Payment,
        PaymentAllocation,
        PaymentClosing,
        PaymentLink,
    )
    from extradesk.models.reference import (
        Civility,
        ClientStatus,
        ContactOrigin,
        OuvrageType,
        Supplier,
    )
    from extradesk.models.settings import CompanySettings
    from extradesk.models.sms import (
        AppointmentSms,
        QuoteFollowUp,
        SmsCampaign,
        SmsCampaignRecipient,
        SmsConsent,
        SmsOptOut,
        SmsReminder,
        SmsSettings,
        SmsTemplate,
    )
    from extradesk.models.usage import UsageEvent
    from extradesk.models.users import User, UserPreference

    metadata: MetaData

# Each table class and the module that defines it.
_HOMES = {
    "agenda": ("AgendaRight", "Appointment", "AppointmentType", "AppointmentUser",
               "CalDavAccount", "SyncLogEntry", "SyncStatus"),
    "article": ("AccountingAccount", "Article", "ArticleFamily", "ArticleNotice", "Attachment"),
    "catalogue": ("CatalogueImport", "CatalogueLine", "CatalogueMapping"),
    "client": ("Client", "Ouvrage"),
    "dashboard": (),  # indexes on documents only
    "document": ("Depot", "Document", "DocumentCounter", "DocumentLine", "DocumentOption", "DocumentPdf",
                 "IssuedLink", "Journal"),
    "mail": ("MailTemplate", "SmtpAccount"),
    "outbox": ("OutboxAttachment", "OutboxItem"),
    "payments": ("DepositSlip", "DunningLetter", "DunningTemplate", "Payment",
                 "PaymentAllocation", "PaymentClosing", "PaymentLink"),
    "sms": ("AppointmentSms", "QuoteFollowUp", "SmsCampaign", "SmsCampaignRecipient",
            "SmsConsent", "SmsOptOut", "SmsReminder", "SmsSettings", "SmsTemplate"),
    "reference": ("Civility", "ClientStatus", "ContactOrigin", "OuvrageType", "Supplier"),
    "settings": ("CompanySettings",),
    "usage": ("UsageEvent",),
    "users": ("User", "UserPreference"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def load_all() -> MetaData:
    """Import every table module; the metadata then holds the whole schema."""
    for module in _HOMES:
        importlib.import_module(f"{__name__}.{module}")
    return importlib.import_module(f"{__name__}.base").SQLModel.metadata


def __getattr__(name: str) -> Any:
    if name == "metadata":
        return load_all()
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


__all__ = [  # every name in _HOMES (a test checks), for `from extradesk.models import *`
    "load_all", "metadata",
    "AgendaRight", "Appointment", "AppointmentType", "AppointmentUser", "CalDavAccount",
    "SyncLogEntry", "SyncStatus",
    "AccountingAccount", "Article", "ArticleFamily", "ArticleNotice", "Attachment",
    "CatalogueImport", "CatalogueLine", "CatalogueMapping",
    "Client", "Ouvrage",
    "Depot", "Document", "DocumentCounter", "DocumentLine", "DocumentOption", "DocumentPdf",
    "IssuedLink", "Journal",
    "MailTemplate", "SmtpAccount", "OutboxAttachment", "OutboxItem",
    "DepositSlip", "DunningLetter", "DunningTemplate", "Payment", "PaymentAllocation",
    "PaymentClosing", "PaymentLink",
    "AppointmentSms", "QuoteFollowUp", "SmsCampaign", "SmsCampaignRecipient", "SmsConsent",
    "SmsOptOut", "SmsReminder", "SmsSettings", "SmsTemplate",
    "Civility", "ClientStatus", "ContactOrigin", "OuvrageType", "Supplier",
    "CompanySettings",
    "UsageEvent",
    "User", "UserPreference",
]
