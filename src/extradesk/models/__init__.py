"""SQLModel tables, no behaviour. Importing this package registers every table in the metadata."""

from sqlmodel import SQLModel

# Named constraints let alembic's batch mode (SQLite) find and alter them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from extradesk.models.agenda import (  # noqa: E402
    AgendaRight,
    Appointment,
    AppointmentType,
    AppointmentUser,
    CalDavAccount,
    SyncLogEntry,
    SyncStatus,
)
from extradesk.models.article import (  # noqa: E402
    AccountingAccount,
    Article,
    ArticleFamily,
    ArticleNotice,
    Attachment,
)
from extradesk.models.catalogue import (  # noqa: E402
    CatalogueImport,
    CatalogueLine,
    CatalogueMapping,
)
from extradesk.models.client import Client, Ouvrage  # noqa: E402
from extradesk.models.document import (  # noqa: E402
    Document,
    DocumentCounter,
    DocumentLine,
    DocumentOption,
    DocumentPdf,
    IssuedLink,
    Journal,
)
from extradesk.models.mail import MailTemplate, SmtpAccount  # noqa: E402
from extradesk.models.outbox import OutboxAttachment, OutboxItem  # noqa: E402
from extradesk.models.payments import (  # noqa: E402
    DepositSlip,
    DunningLetter,
    DunningTemplate,
    Payment,
    PaymentAllocation,
    PaymentClosing,
    PaymentLink,
)
from extradesk.models.reference import (  # noqa: E402
    Civility,
    ClientStatus,
    ContactOrigin,
    OuvrageType,
    Supplier,
)
from extradesk.models.settings import CompanySettings  # noqa: E402
from extradesk.models.sms import (  # noqa: E402
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
from extradesk.models.users import User, UserPreference  # noqa: E402

metadata = SQLModel.metadata

__all__ = [
    "Civility", "Client", "ClientStatus", "ContactOrigin", "Ouvrage", "OuvrageType",
    "Supplier", "User", "UserPreference", "metadata",
    "CompanySettings", "Document", "DocumentCounter", "DocumentLine", "DocumentOption",
    "DocumentPdf", "IssuedLink", "Journal",
    "AgendaRight", "Appointment", "AppointmentType", "AppointmentUser", "CalDavAccount",
    "SyncLogEntry", "SyncStatus",
    "AccountingAccount", "Article", "ArticleFamily", "ArticleNotice", "Attachment",
    "CatalogueImport", "CatalogueLine", "CatalogueMapping",
    "MailTemplate", "SmtpAccount", "OutboxAttachment", "OutboxItem",
    "DepositSlip", "DunningLetter", "DunningTemplate", "Payment", "PaymentAllocation",
    "PaymentClosing", "PaymentLink",
    "AppointmentSms", "QuoteFollowUp", "SmsCampaign", "SmsCampaignRecipient", "SmsConsent",
    "SmsOptOut", "SmsReminder", "SmsSettings", "SmsTemplate",
]
