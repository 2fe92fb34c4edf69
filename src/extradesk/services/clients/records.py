"""Client records: create, edit, archive, list as an ordered id snapshot, spot duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from difflib import SequenceMatcher

from sqlalchemy import false, func, or_, select

from extradesk import models
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.core.legal import digits_only, eu_vat_number_ok, siren_ok
from extradesk.core.search_text import fold, sort_key
from extradesk.core.text import clean as strip_controls
from extradesk.core.validation import (
    MAX_LINE,
    MAX_NOTES,
    MAX_SHORT,
    check_email,
    check_length,
    check_postal_code,
    clean,
)
from extradesk.db.session import unit_of_work
from extradesk.models import tables
from extradesk.services.clients import phones
from extradesk.services.clients.first_page import display_name
from extradesk.services.context import Context
from extradesk.services.dto import ClientDetail, ClientInput, ClientRow, DuplicateCandidate

# Reads (the list, duplicates) go through the Core views: the clients list and the search
# box import this module at start-up, before SQLModel (see models/tables.py). Writes and
# get_client use the SQLModel tables, and the ouvrages and search-index modules, imported
# where they are needed.
_C = tables.clients.c
_STATUS = tables.client_statuses.c
PHONE_FIELDS = ("phone_mobile", "phone_home", "phone_work")
SHORT_FIELDS = ("last_name", "first_name", "company", "billing_city", "site_city")
LINE_FIELDS = ("billing_line1", "billing_line2", "site_line1", "site_line2")
MULTILINE_FIELDS = ("notes",)
SORTS = {
    "name": (_C.sort_key,),
    "postal_code": (_C.billing_postal_code, _C.sort_key),
    "city": (_C.billing_city, _C.sort_key),
    "created": (_C.id,),
}


def validate(data: ClientInput) -> tuple[ClientInput, list[Problem]]:
    """Clean every field and return the cleaned input with the list of all problems."""
    values = asdict(data)
    problems: list[Problem] = []
    for name, value in values.items():  # pasted or imported text: no NUL, no controls
        if isinstance(value, str):
            values[name] = strip_controls(value, multiline=name in MULTILINE_FIELDS)
    for name in (*SHORT_FIELDS, *LINE_FIELDS, "billing_postal_code", "site_postal_code", "email",
                 "email2"):
        values[name] = clean(values[name])
    for name in SHORT_FIELDS:
        problems += check_length(name, values[name], MAX_SHORT)
    for name in LINE_FIELDS:
        problems += check_length(name, values[name], MAX_LINE)
    notes = (values["notes"] or "").strip()
    values["notes"] = notes or None
    problems += check_length("notes", notes, MAX_NOTES)
    if not (values["last_name"] or values["company"]):
        problems.append(Problem("last_name", "client.name_required"))
    country = (values["billing_country"] or "FR").strip().upper()[:2] or "FR"
    values["billing_country"] = country
    problems += check_postal_code("billing_postal_code", values["billing_postal_code"], country)
    if values["site_same_as_billing"]:
        for name in ("site_line1", "site_line2", "site_postal_code", "site_city"):
            values[name] = None
    else:
        problems += check_postal_code("site_postal_code", values["site_postal_code"], country)
    values["siren"] = digits_only(values["siren"]) or None
    if values["siren"] and not siren_ok(values["siren"]):
        problems.append(Problem("siren", "client.siren_invalid", {"value": values["siren"]}))
    values["vat_number"] = digits_only(values["vat_number"]) or None
    if values["vat_number"] and not eu_vat_number_ok(values["vat_number"]):
        problems.append(Problem("client_vat_number", "client.vat_number_invalid",
                                {"value": values["vat_number"]}))
    for name in ("email", "email2"):
        if values[name]:
            values[name] = values[name].lower()
        problems += check_email(name, values[name])
    for name in PHONE_FIELDS:
        values[name], found = phones.normalise(name, values[name])
        problems += found
    return ClientInput(**values), problems


def _row_values(data: ClientInput) -> dict:
    values = asdict(data)
    values["sort_key"] = sort_key(data.company or data.last_name, data.first_name,
                                  data.last_name if data.company else None)
    return values


def required_problems(ctx: Context, data: ClientInput) -> list[Problem]:
    """The fields the user's preferences make mandatory for a new client, left empty."""
    from extradesk.services import preferences

    problems = []
    for name in preferences.get(ctx, preferences.CLIENT_REQUIRED.key):
        names = PHONE_FIELDS if name == "phone" else (name,)
        if all(getattr(data, n, None) in (None, "") for n in names):
            problems.append(Problem(names[0] if name == "phone" else name,
                                    "client.field_required", {"field": name}))
    return problems


def create_client(ctx: Context, data: ClientInput) -> tuple[int, Changes]:
    """A new client; the name is always required, other fields per the user's preferences
    (Création d'un client), checked here so the CLI and imports by hand obey them too."""
    cleaned, problems = validate(data)
    raise_if(problems + required_problems(ctx, cleaned))
    from extradesk.services.clients import search_index

    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        new_id = conn.execute(
            models.Client.__table__.insert().values(
                **_row_values(cleaned), archived=False, created_at=now, updated_at=now,
                created_by=ctx.user_id,
            )
        ).inserted_primary_key[0]
        search_index.reindex_clients(conn, [new_id])
    return new_id, Changes(clients=frozenset({new_id}))


def update_client(ctx: Context, client_id: int, *, data: ClientInput) -> Changes:
    cleaned, problems = validate(data)
    raise_if(problems)
    from extradesk.services.clients import search_index

    table = models.Client.__table__
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        done = conn.execute(
            table.update().where(table.c.id == client_id)
            .values(**_row_values(cleaned), updated_at=ctx.clock.now())
        )
        if done.rowcount == 0:
            raise NotFoundError("client.not_found", id=client_id)
        search_index.reindex_clients(conn, [client_id])
    return Changes(clients=frozenset({client_id}))


def set_archived(ctx: Context, client_id: int, *, archived: bool) -> Changes:
    table = models.Client.__table__
    with unit_of_work(ctx.db, write=True) as session:
        done = session.connection().execute(
            table.update().where(table.c.id == client_id)
            .values(archived=archived, updated_at=ctx.clock.now())
        )
        if done.rowcount == 0:
            raise NotFoundError("client.not_found", id=client_id)
    return Changes(clients=frozenset({client_id}))


def get_client(ctx: Context, client_id: int) -> ClientDetail:
    from extradesk.models import Civility, Client, ClientStatus, ContactOrigin
    from extradesk.services.clients import ouvrages as ouvrage_service

    with unit_of_work(ctx.db) as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFoundError("client.not_found", id=client_id)
        labels = {}
        for model, key in ((Civility, client.civility_id), (ClientStatus, client.status_id),
                           (ContactOrigin, client.origin_id)):
            item = session.get(model, key) if key is not None else None
            labels[model] = item.label if item else ""
        data = ClientInput(**{f.name: getattr(client, f.name) for f in fields(ClientInput)})
        ouvrages = ouvrage_service.list_for_client(session.connection(), client_id)
        return ClientDetail(
            id=client.id,
            name=display_name(client.last_name, client.first_name, client.company),
            data=data,
            civility=labels[Civility],
            status=labels[ClientStatus],
            origin=labels[ContactOrigin],
            archived=client.archived,
            created_at=client.created_at,
            updated_at=client.updated_at,
            ouvrages=ouvrages,
        )


def client_ids(
    ctx: Context,
    *,
    sort: str = "name",
    descending: bool = False,
    include_archived: bool = False,
    status_id: int | None = None,
) -> list[int]:
    """The ordered id snapshot behind the clients list; sorting happens here, in SQL."""
    columns = SORTS.get(sort, SORTS["name"])
    order = [c.desc() for c in columns] if descending else list(columns)
    query = select(_C.id)
    if not include_archived:
        # "= false", not "IS false": only equality lets SQLite walk (archived, sort_key) in order
        query = query.where(_C.archived == false())
    if status_id is not None:
        query = query.where(_C.status_id == status_id)
    with ctx.db.engine.connect() as conn:
        # Straight off the DB-API cursor: 100k ids in ~75 ms instead of ~160 ms via Result.
        result = conn.execute(query.order_by(*order))
        try:
            return [row[0] for row in result.cursor.fetchall()]
        finally:
            result.close()


def client_rows(ctx: Context, ids: Sequence[int]) -> list[ClientRow]:
    """Rows for a page of the list, in the order of `ids` (tuples, never entities)."""
    if not ids:
        return []
    query = (
        select(_C.id, _C.last_name, _C.first_name, _C.company, _C.billing_postal_code,
               _C.billing_city, _C.phone_mobile, _C.phone_home, _C.phone_work, _C.email,
               _STATUS.label, _C.archived)
        .select_from(tables.clients.outerjoin(tables.client_statuses,
                                              _STATUS.id == _C.status_id))
        .where(_C.id.in_(list(ids)))
    )
    with ctx.db.engine.connect() as conn:
        found = {r[0]: r for r in conn.execute(query)}
    rows = []
    for client_id in ids:
        r = found.get(client_id)
        if r is None:  # deleted since the snapshot: keep the row count stable
            continue
        rows.append(ClientRow(
            id=r[0], name=display_name(r[1], r[2], r[3]), postal_code=r[4] or "",
            city=r[5] or "", phone=r[6] or r[7] or r[8] or "", email=r[9] or "",
            status=r[10] or "", archived=bool(r[11]),
        ))
    return rows


def count_clients(ctx: Context) -> int:
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables.clients)).scalar_one()


def likely_duplicates(
    ctx: Context, data: ClientInput, *, exclude_id: int | None = None, limit: int = 10
) -> list[DuplicateCandidate]:
    """Clients sharing a phone or e-mail, or with a very close name in the same postal code.

    Runs on partial input while the form is typed in: fields that do not parse are ignored.
    """
    numbers = {n for f in PHONE_FIELDS if (n := phones.normalise(f, getattr(data, f))[0])}
    emails = {e.strip().lower() for e in (data.email, data.email2) if e and "@" in e}
    postal = clean(data.billing_postal_code)
    wanted_name = fold(" ".join(p for p in (data.company, data.last_name, data.first_name) if p))
    found: dict[int, DuplicateCandidate] = {}
    columns = (_C.id, _C.last_name, _C.first_name, _C.company, _C.billing_city)
    with ctx.db.engine.connect() as conn:
        clauses = []
        if numbers:
            clauses += [getattr(_C, f).in_(numbers) for f in PHONE_FIELDS]
        if emails:
            clauses += [_C.email.in_(emails), _C.email2.in_(emails)]
        if clauses:
            query = select(*columns, _C.phone_mobile, _C.phone_home, _C.phone_work).where(
                or_(*clauses)).limit(limit)
            for r in conn.execute(query):
                shared_phone = numbers & {r[5], r[6], r[7]}
                reason = "duplicate.phone" if shared_phone else "duplicate.email"
                found[r[0]] = DuplicateCandidate(r[0], display_name(r[1], r[2], r[3]),
                                                 r[4] or "", reason)
        if postal and len(wanted_name) >= 3:
            query = select(*columns).where(_C.billing_postal_code == postal).limit(2000)
            for r in conn.execute(query):
                if r[0] in found:
                    continue
                name = fold(" ".join(p for p in (r[3], r[1], r[2]) if p))
                if SequenceMatcher(None, wanted_name, name).ratio() >= 0.85:
                    found[r[0]] = DuplicateCandidate(r[0], display_name(r[1], r[2], r[3]),
                                                     r[4] or "", "duplicate.name")
    found.pop(exclude_id, None)
    return list(found.values())[:limit]
