"""Per-user preferences, declared once with their type, default, allowed values, label and
section; values are checked when set, so a bad value never reaches the database."""

from __future__ import annotations

import json
import re
from dataclasses import KW_ONLY, dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Connection, Integer, String, column, select, table

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.core.workflow import DocumentKind
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import SEARCH_MODE_LABELS  # noqa: F401 (the dialog reads it here)
from extradesk.models import tables
from extradesk.services.context import Context

_P = tables.user_preferences.c  # reads; writes use the SQLModel table (see models/tables.py)

# Kinds of value. "bool", "choice" and "int" check `choices`; "list" is an ordered list of
# distinct `choices`; "image" a path to an image file ("" for none); "images" maps some of
# `choices` (home buttons) to image paths; "reference" the id of an item of a reference list
# (`reference`: "civility", "status", "origin", "journal:vente"…), None for none; "time"
# "HH:MM"; "decimal" a decimal number as text; "text" any short text.
KINDS = ("bool", "choice", "int", "list", "image", "images", "reference", "time", "decimal",
         "text")
SECTIONS = ("appearance", "search", "agenda", "sms", "documents", "clients", "dashboard", "mail")

# Every option declared in this process, by key: a second declaration of a key is a bug (two
# branches picking the same name), refused at import rather than one silently winning.
OPTIONS: dict[str, Option] = {}


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    choices: tuple | None = None  # allowed values, when the option is a choice
    _: KW_ONLY
    kind: str = ""  # one of KINDS; guessed from the default and the choices when left empty
    section: str = ""  # one of SECTIONS; "" keeps the option out of the dialog
    label: str = ""  # message id of its French label (default "preference.label.<key>")
    reference: str | None = None  # for kind "reference": list name, ":kind" for journals

    def __post_init__(self) -> None:
        if self.key in OPTIONS:
            raise ValueError(f"preference {self.key!r} is declared twice")
        if not self.kind:
            object.__setattr__(self, "kind", _guess_kind(self.default, self.choices))
        if self.kind not in KINDS:
            raise ValueError(f"preference {self.key!r}: unknown kind {self.kind!r}")
        if self.section and self.section not in SECTIONS:
            raise ValueError(f"preference {self.key!r}: unknown section {self.section!r}")
        if not self.label:
            object.__setattr__(self, "label", f"preference.label.{self.key}")
        OPTIONS[self.key] = self


def _guess_kind(default: Any, choices: tuple | None) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    return "choice" if choices is not None else "text"


_BOOL = (True, False)

# -- Apparence ------------------------------------------------------------------------------
THEME = Option("appearance.theme", "system", ("system", "light", "dark"), section="appearance")
# The home page (built elsewhere) reads these two: a background image, and an image per
# button, keyed by the button's id.
HOME_BUTTON_IDS = ("clients", "add_client", "documents", "new_quote", "articles", "agenda",
                   "exports", "outbox")
HOME_BACKGROUND = Option("appearance.home_background", "", kind="image", section="appearance")
HOME_BUTTONS = Option("appearance.home_buttons", {}, HOME_BUTTON_IDS, kind="images",
                      section="appearance")

# -- Moteur de recherche --------------------------------------------------------------------
SEARCH_MODE = Option("search.mode", "contains", ("contains", "starts_with"), section="search")

# -- Agenda planning: keep the day/user header row in view while scrolling the hours; write the
# user names across or up the lanes (upright saves width with many users); colour blocks
# by user or by appointment type.
AGENDA_FROZEN_HEADER = Option("agenda.frozen_header", True, _BOOL, section="agenda")
AGENDA_VERTICAL_NAMES = Option("agenda.vertical_names", False, _BOOL, section="agenda")
AGENDA_COLOR_BY = Option("agenda.color_by", "user", ("user", "type"), section="agenda")

# -- SMS (issue 15): the default delay of appointment reminders ("délai des alertes SMS"),
# whether a moved appointment also gets a short "déplacé" notice, the days after which a sent
# quote is to be followed up (and not again within as many days), the price of one SMS
# segment in euros (a decimal as text) for the cost estimates of campaigns.
SMS_REMINDER_DELAY = Option("sms.reminder_delay", "1d", ("none", "same_day", "1d", "2d", "1w"),
                            section="sms")
SMS_NOTIFY_MOVED = Option("sms.notify_moved", False, _BOOL, section="sms")
QUOTE_FOLLOWUP_DAYS = Option("quotes.followup_days", 10, tuple(range(1, 91)), section="sms")
SMS_PRICE_PER_SEGMENT = Option("sms.price_per_segment", "0.045", kind="decimal", section="sms")

# -- Gestion commerciale --------------------------------------------------------------------
# The Pièces list opens on this kind and period (keys of ui/pages/documents_page.PERIODS).
DOCUMENTS_KIND_FILTER = Option("documents.filter_kind", "all",
                               ("all", *(k.value for k in DocumentKind)), section="documents")
DOCUMENTS_PERIOD_FILTER = Option("documents.filter_period", "all",
                                 ("all", "month", "last_month", "year", "12_months"),
                                 section="documents")
# New documents go to this sales journal (None: the company's default); payments to this
# cash/bank journal (the key services/payments/entries.py has always read).
SALES_JOURNAL = Option("documents.journal", None, kind="reference", reference="journal:vente",
                       section="documents")
CASH_JOURNAL = Option("payments.journal", None, kind="reference",
                      reference="journal:tresorerie", section="documents")
# New documents leave from this depot (None: none chosen, the document has no depot).
DEPOT = Option("documents.depot", None, kind="reference", reference="depot", section="documents")
LINE_NUMBERS = Option("documents.line_numbers", False, _BOOL, section="documents")

# -- Création d'un client -------------------------------------------------------------------
# A prospect (or suspect) whose quote is accepted or who is invoiced becomes "Client".
PROMOTE_PROSPECTS = Option("clients.promote_on_sale", True, _BOOL, section="clients")
CLIENT_CIVILITY = Option("clients.default_civility", None, kind="reference",
                         reference="civility", section="clients")
CLIENT_STATUS = Option("clients.default_status", None, kind="reference", reference="status",
                       section="clients")
CLIENT_ORIGIN = Option("clients.default_origin", None, kind="reference", reference="origin",
                       section="clients")
# Fields a new client must have, beyond the name (always). "phone": any of the three phones.
CLIENT_FIELDS = ("civility_id", "first_name", "status_id", "origin_id", "phone", "email",
                 "billing_line1", "billing_postal_code", "billing_city")
CLIENT_REQUIRED = Option("clients.required_fields", (), CLIENT_FIELDS, kind="list",
                         section="clients")

# -- Tableau de bord (the dashboard, built elsewhere, reads these) ---------------------------
DASHBOARD_TILE_IDS = ("revenue", "quotes", "followups", "overdue", "cash", "appointments",
                      "outbox", "audit")
DASHBOARD_TILES = Option("dashboard.tiles", DASHBOARD_TILE_IDS, DASHBOARD_TILE_IDS, kind="list",
                         section="dashboard")
DASHBOARD_MAIL_FREQUENCY = Option("dashboard.mail_frequency", "none",
                                  ("none", "daily", "weekly", "monthly"), section="dashboard")
DASHBOARD_MAIL_TIME = Option("dashboard.mail_time", "07:00", kind="time", section="dashboard")

# -- E-mail (the seed's advice): ask for a read receipt; send the user a copy (Bcc) of each mail.
MAIL_READ_RECEIPT = Option("mail.read_receipt", False, _BOOL, section="mail")
MAIL_COPY_TO_ME = Option("mail.copy_to_me", False, _BOOL, section="mail")

# -- not in the dialog ----------------------------------------------------------------------
# The "Votre entreprise" first step was offered (once, on a new empty database).
COMPANY_OFFERED = Option("onboarding.company_offered", False, _BOOL)
# The period of the last dashboard mail queued ("2026-12-05", "2026-W49", "2026-12"), written
# by services.dashboard.mail in the transaction that queues it: one mail per period.
DASHBOARD_MAIL_LAST = Option("dashboard.mail_last_period", "")


def option(key: str) -> Option:
    if key not in OPTIONS:
        raise NotFoundError("preference.unknown", key=key)
    return OPTIONS[key]


_option = option  # the name older callers used


# -- values ---------------------------------------------------------------------------------

_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
# The first bytes of the image formats Qt reads without plug-ins.
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def is_image(path: str | Path) -> bool:
    """Whether the file starts like a PNG, JPEG, GIF, BMP or WebP image."""
    with open(path, "rb") as file:
        head = file.read(16)
    return head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _problems(opt: Option, value: Any) -> list[Problem]:
    """Everything wrong with `value` for `opt`, without the database (references: the id's
    type only; set_value checks that the item exists)."""
    bad = [Problem(opt.key, "preference.invalid", {"key": opt.key, "value": value})]
    kind = opt.kind
    if kind == "bool":
        return [] if isinstance(value, bool) else bad
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return bad
    if kind in ("choice", "int"):
        return [] if opt.choices is None or value in opt.choices else bad
    if kind == "list":
        ok = (isinstance(value, list | tuple) and len(set(value)) == len(value)
              and all(isinstance(v, str) and v in (opt.choices or ()) for v in value))
        return [] if ok else bad
    if kind == "image":
        return [] if value == "" else _image_problems(opt.key, value)
    if kind == "images":
        if not isinstance(value, dict) or any(k not in (opt.choices or ()) for k in value):
            return bad
        return [p for path in value.values() for p in _image_problems(opt.key, path)]
    if kind == "reference":
        return [] if value is None or (isinstance(value, int) and not isinstance(value, bool)) \
            else bad
    if kind == "time":
        return [] if isinstance(value, str) and _TIME.fullmatch(value) else [
            Problem(opt.key, "preference.time_invalid", {"value": value})]
    if kind == "decimal":
        try:
            ok = (isinstance(value, str) and len(value) <= 12 and Decimal(value).is_finite()
                  and Decimal(value) >= 0)
        except InvalidOperation:
            ok = False
        return [] if ok else bad
    return [] if isinstance(value, str) and len(value) <= 500 else bad


def _image_problems(key: str, path: Any) -> list[Problem]:
    if not isinstance(path, str) or not path:
        return [Problem(key, "preference.invalid", {"key": key, "value": path})]
    try:
        if is_image(path):
            return []
    except OSError:
        return [Problem(key, "preference.image_missing", {"value": path})]
    return [Problem(key, "preference.not_image", {"value": path})]


def _normal(opt: Option, value: Any) -> Any:
    """The value as stored: tuples as lists, image paths absolute."""
    if opt.kind == "list":
        return list(value)
    if opt.kind == "image" and value:
        return str(Path(value).resolve())
    if opt.kind == "images":
        return {k: str(Path(v).resolve()) for k, v in value.items()}
    return value


def _decoded(opt: Option, value: Any) -> Any:
    """A stored value as get() returns it (lists as tuples); the default when it no longer
    fits (a choice removed since, a value written by hand)."""
    if opt.kind == "list" and isinstance(value, list):
        value = tuple(value)
    if opt.kind in ("image", "images"):  # a file moved since is not an error for a reader
        return value if _shape_ok(opt, value) else _default(opt)
    return value if not _problems(opt, value) else _default(opt)


def _shape_ok(opt: Option, value: Any) -> bool:
    if opt.kind == "image":
        return isinstance(value, str)
    return isinstance(value, dict) and all(k in (opt.choices or ()) for k in value)


def _default(opt: Option) -> Any:
    """The default, a fresh copy when it is a dict (a caller may change what it gets)."""
    return dict(opt.default) if isinstance(opt.default, dict) else opt.default


def read(conn: Connection, key: str, *, user_id: int | None) -> Any:
    """get() on an open connection (inside a unit of work)."""
    opt = option(key)
    if user_id is None:
        return _default(opt)
    raw = conn.execute(
        select(_P.value).where(_P.user_id == user_id, _P.key == key)).scalar()
    return _default(opt) if raw is None else _decoded(opt, json.loads(raw))


def get(ctx: Context, key: str, *, user_id: int | None = None) -> Any:
    opt = option(key)
    user_id = user_id if user_id is not None else ctx.user_id
    if user_id is None:
        return _default(opt)
    with ctx.db.engine.connect() as conn:
        return read(conn, key, user_id=user_id)


def get_all(ctx: Context, *, user_id: int | None = None) -> dict[str, Any]:
    """Every option's value for the user, in one read."""
    user_id = user_id if user_id is not None else ctx.user_id
    values = {key: _default(opt) for key, opt in OPTIONS.items()}
    if user_id is None:
        return values
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_P.key, _P.value).where(_P.user_id == user_id)).all()
    for key, raw in rows:
        if key in OPTIONS:
            values[key] = _decoded(OPTIONS[key], json.loads(raw))
    return values


_REF_TABLES = {"civility": "civilities", "status": "client_statuses",
               "origin": "contact_origins", "journal": "journals", "depot": "depots"}


def _reference_problems(conn: Connection, opt: Option, value: int | None) -> list[Problem]:
    if value is None:
        return []
    name, _, kind = (opt.reference or "").partition(":")
    view = table(_REF_TABLES[name], column("id", Integer), column("active", Boolean),
                 *([column("kind", String)] if kind else []))
    row = conn.execute(select(view).where(view.c.id == value)).first()
    if row is None or (kind and row.kind != kind):
        return [Problem(opt.key, "preference.reference_unknown", {"key": opt.key, "value": value,
                                                                  "list": name})]
    return []


def set_values(ctx: Context, *, values: dict[str, Any], user_id: int | None = None) -> Changes:
    """Set several options at once: all checked first, then all written, or none."""
    opts = [option(key) for key in values]
    problems = [p for opt in opts for p in _problems(opt, values[opt.key])]
    if problems:
        raise ValidationError(problems)
    user_id = user_id if user_id is not None else ctx.user_id
    if user_id is None:
        raise NotFoundError("user.not_found", id=0)
    from extradesk import models

    table_ = models.UserPreference.__table__
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        problems = [p for opt in opts if opt.kind == "reference"
                    for p in _reference_problems(conn, opt, values[opt.key])]
        if problems:
            raise ValidationError(problems)
        for opt in opts:
            conn.execute(table_.delete().where(table_.c.user_id == user_id,
                                               table_.c.key == opt.key))
            conn.execute(table_.insert().values(
                user_id=user_id, key=opt.key, value=json.dumps(_normal(opt, values[opt.key]))))
    return Changes(preferences=True)


def set_value(ctx: Context, key: str, *, value: Any, user_id: int | None = None) -> Changes:
    return set_values(ctx, values={key: value}, user_id=user_id)
