"""Deterministic demo agenda: two years of appointments (one past, one upcoming) per user.

Each working day, each user gets a realistic day in Europe/Paris office hours: visits,
installations (half or whole day, sometimes two people), maintenance, after-sales calls,
office meetings, holidays now and then; linked to clients and their ouvrages, titled in
French. Planned in Python, then bulk-inserted (appointments and their users' lanes) in one
transaction, straight through the driver as services.demo.clients does: ~5,700 appointments for four
users in about 0.9 s.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import Connection, func, select

from extradesk.core.changes import Changes
from extradesk.db import sequences
from extradesk.db.session import unit_of_work
from extradesk.models import Client, Ouvrage, OuvrageType, User
from extradesk.services.agenda import store
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.sync.ical import zone

A, AU, T = store.A, store.AU, store.T
DAYS_BACK = DAYS_AHEAD = 365
CLIENT_POOL = 20_000  # the most recent clients (the demo's own) are the ones visited
PARIS = zone("Europe/Paris")

# Title stems by appointment type; "{o}" is the ouvrage ("poêle à granulés"...).
_TITLES = {
    "Visite": ["Visite technique {o}", "Métré {o}", "Visite avant devis {o}",
               "Étude sur place {o}"],
    "Pose": ["Pose {o}", "Installation {o}", "Mise en service {o}", "Fin de chantier {o}"],
    "Entretien": ["Entretien annuel {o}", "Contrôle {o}", "Entretien {o}"],
    "SAV": ["SAV {o} : panne", "SAV {o} : fuite", "SAV {o} : bruit anormal",
            "SAV {o} : code erreur", "Dépannage {o}"],
}
_SEASONAL = {  # maintenance that depends on the ouvrage and the month
    "piscine": {3: "Remise en route piscine", 4: "Remise en route piscine",
                10: "Hivernage piscine", 11: "Hivernage piscine"},
    "poêle à bois": {9: "Ramonage poêle à bois", 10: "Ramonage poêle à bois"},
    "cheminée": {9: "Ramonage cheminée", 10: "Ramonage cheminée"},
}
_OFFICE = ["Réunion d'équipe", "Rendez-vous comptable", "Point fournisseur",
           "Rendez-vous banque", "Formation produits", "Préparation des commandes",
           "Point planning de la semaine"]
_ALL_DAY = ["Congés", "Salon de l'habitat", "Formation fabricant"]
_NOTES = ["Prévoir l'échelle.", "Client absent le matin : clé chez le voisin.",
          "Apporter le catalogue et les échantillons.", "Code portail : 1234B.",
          "Appeler 30 min avant d'arriver.", "Accès par le chemin à droite après l'église.",
          "Chien dans le jardin.", "Prévoir la bâche et l'aspirateur."]
_DURATIONS = {"Visite": (60, 90), "Entretien": (60, 120), "SAV": (45, 90),
              "Rendez-vous bureau": (30, 60)}


@dataclass(frozen=True)
class AgendaDemoReport:
    appointments: int
    seconds: float


@dataclass(frozen=True)
class _Place:
    client_id: int
    name: str
    ouvrage_id: int | None
    ouvrage: str  # lower-case type label, "" when the client has no ouvrage
    location: str | None


def _address(line1, postal, city) -> str | None:
    place = " ".join(p for p in (postal, city) if p)
    return ", ".join(p for p in (line1, place) if p) or None


def _places(conn: Connection) -> list[_Place]:
    """Recent clients with their first ouvrage (type, address): who the team visits."""
    c, o, t = Client.__table__.c, Ouvrage.__table__.c, OuvrageType.__table__.c
    clients = conn.execute(
        select(c.id, c.last_name, c.first_name, c.company, c.billing_line1,
               c.billing_postal_code, c.billing_city)
        .order_by(c.id.desc()).limit(CLIENT_POOL)).all()
    if not clients:
        return []
    first = min(r.id for r in clients)
    ouvrages: dict[int, tuple] = {}
    for row in conn.execute(
            select(o.id, o.client_id, t.label, o.line1, o.postal_code, o.city)
            .select_from(Ouvrage.__table__.outerjoin(OuvrageType.__table__, t.id == o.type_id))
            .where(o.client_id >= first).order_by(o.id)):
        ouvrages.setdefault(row.client_id, row)
    places = []
    for r in clients:
        ouv = ouvrages.get(r.id)
        location = (_address(ouv.line1, ouv.postal_code, ouv.city) if ouv else None) \
            or _address(r.billing_line1, r.billing_postal_code, r.billing_city)
        label = (ouv.label or "").lower() if ouv else ""
        places.append(_Place(r.id, display_name(r.last_name, r.first_name, r.company),
                             ouv.id if ouv else None, label, location))
    places.reverse()  # oldest first: the same seed gives the same agenda
    return places


class _Planner:
    """One seeded stream makes every row; nothing here touches the database."""

    def __init__(self, rng: random.Random, users: list[int], types: dict[str, int],
                 places: list[_Place], now: datetime) -> None:
        self.rng, self.users, self.types, self.places, self.now = rng, users, types, places, now
        self.rows: list[dict] = []
        self.lanes: list[tuple[int, int]] = []  # (row index, user id)

    def _add(self, users, kind: str, title: str, start: datetime, end: datetime, *,
             place: _Place | None = None, all_day: bool = False) -> None:
        rng, past = self.rng, end.astimezone(UTC) <= self.now
        roll = rng.random()
        if past:
            status = "done" if roll < 0.86 else "cancelled" if roll < 0.93 else "confirmed"
        else:
            status = "planned" if roll < 0.55 else "confirmed" if roll < 0.97 else "cancelled"
        created = min(start.astimezone(UTC) - timedelta(days=rng.randint(1, 30)), self.now)
        self.rows.append({
            "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "title": title if place is None else f"{title} — {place.name}",
            "start_utc": start.astimezone(UTC), "end_utc": end.astimezone(UTC),
            "tz": "Europe/Paris", "all_day": all_day,
            "client_id": place.client_id if place else None,
            "ouvrage_id": place.ouvrage_id if place else None,
            "type_id": self.types.get(kind), "location": place.location if place else None,
            "notes": rng.choice(_NOTES) if place and rng.random() < 0.2 else None,
            "status": status,
            "reminder_minutes": rng.choice((15, 60, 60, 1440)) if rng.random() < 0.3 else None,
            "sequence": 0, "revision": 1, "created_at": created, "updated_at": created,
            "created_by": users[0], "deleted_at": None,
        })
        self.lanes += [(len(self.rows) - 1, u) for u in users]

    def _client_title(self, kind: str, place: _Place, day: date) -> str:
        seasonal = _SEASONAL.get(place.ouvrage, {}).get(day.month)
        if kind == "Entretien" and seasonal:
            return seasonal
        title = self.rng.choice(_TITLES[kind]).format(o=place.ouvrage)
        return " ".join(title.split())  # no ouvrage: "SAV  : panne" -> "SAV : panne"

    def day(self, user: int, day: date) -> None:
        rng = self.rng
        if rng.random() < 0.03:  # a holiday, a trade fair
            start = datetime.combine(day, clock_time(), PARIS)
            self._add([user], "Rendez-vous bureau", rng.choice(_ALL_DAY), start,
                      start + timedelta(days=1), all_day=True)
            return
        minute = 8 * 60 + rng.choice((0, 0, 30))
        while minute < 17 * 60:
            roll = rng.random()
            if roll < 0.08:
                kind = "Rendez-vous bureau"
            elif roll < 0.25:
                kind = "Pose"
            else:
                kind = rng.choice(("Visite", "Visite", "Entretien", "Entretien", "SAV"))
            if kind == "Pose":
                length = 540 if minute == 8 * 60 and rng.random() < 0.5 else 240
            else:
                low, high = _DURATIONS[kind]
                length = rng.randrange(low, high + 1, 15)
            length = min(length, 18 * 60 - minute)
            start = datetime.combine(day, clock_time(minute // 60, minute % 60), PARIS)
            end = start + timedelta(minutes=length)
            team = [user]
            if kind == "Pose" and len(self.users) > 1 and rng.random() < 0.25:
                team.append(rng.choice([u for u in self.users if u != user]))
            if kind == "Rendez-vous bureau" or not self.places:
                self._add(team, "Rendez-vous bureau", rng.choice(_OFFICE), start, end)
            else:
                place = rng.choice(self.places)
                self._add(team, kind, self._client_title(kind, place, day), start, end,
                          place=place)
            minute += length + rng.choice((30, 45, 60, 90))  # the drive to the next one
            if rng.random() < 0.2:
                break  # a short day: paperwork, or the van at the garage


def _insert(conn: Connection, table, rows: list[dict]) -> None:
    """executemany straight to the SQLite driver, values through their columns' binders."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        if "id" in rows[0]:
            sequences.catch_up(conn, [table.name])
        return
    names = list(rows[0])
    binders = [(i, p) for i, n in enumerate(names)
               if (p := table.c[n].type.bind_processor(conn.dialect)) is not None]
    values = []
    for row in rows:
        value = [row[n] for n in names]
        for i, bind in binders:
            value[i] = bind(value[i])
        values.append(value)
    conn.connection.driver_connection.executemany(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        values)


def generate_appointments(ctx: Context, *, seed: int = 1,
                          cancelled: Callable[[], bool] | None = None
                          ) -> tuple[AgendaDemoReport, Changes]:
    """Two years of appointments for every active user, once: an agenda that already holds
    appointments is left alone (a second demo run would double every day)."""
    started = time.perf_counter()
    if cancelled is not None and cancelled():
        return AgendaDemoReport(0, 0.0), Changes()
    with ctx.db.engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(A)).scalar():
            return AgendaDemoReport(0, time.perf_counter() - started), Changes()
        u = User.__table__.c
        users = list(conn.execute(select(u.id).where(u.active.is_(True)).order_by(u.id))
                     .scalars())
        types = {label: i for i, label in store.type_labels(conn).items()}
        places = _places(conn)
    if not users:
        return AgendaDemoReport(0, time.perf_counter() - started), Changes()
    now = ctx.clock.now()
    planner = _Planner(random.Random(f"agenda-{seed}"), users, types, places, now)
    today = now.astimezone(PARIS).date()
    for offset in range(-DAYS_BACK, DAYS_AHEAD + 1):
        day = today + timedelta(days=offset)
        saturday = day.weekday() == 5
        if day.weekday() == 6:
            continue
        for user in users:
            if not saturday or planner.rng.random() < 0.05:  # Saturdays: rare emergencies
                planner.day(user, day)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        first = (conn.execute(select(func.max(A.c.id))).scalar() or 0) + 1
        rows = [{"id": first + i, **row} for i, row in enumerate(planner.rows)]
        _insert(conn, A, rows)
        _insert(conn, AU, [
            {"appointment_id": first + i, "user_id": user,
             "start_utc": rows[i]["start_utc"], "end_utc": rows[i]["end_utc"],
             "is_long": rows[i]["end_utc"] - rows[i]["start_utc"] > store.LONG}
            for i, user in dict.fromkeys(planner.lanes)])
    ids = frozenset(range(first, first + len(rows)))
    return (AgendaDemoReport(len(rows), time.perf_counter() - started),
            Changes(appointments=ids, users=frozenset(users)))
