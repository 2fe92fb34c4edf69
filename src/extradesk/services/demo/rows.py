"""Demo rows: French names, addresses, phones and e-mails drawn from one seeded random stream.

The word lists live in resources/demo/; this module only picks from them. Pure Python apart
from reading the reference lists' ids, so services.demo.clients can bulk-write what it makes.
"""

from __future__ import annotations

import bisect
import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path

from sqlalchemy import Connection, select

from extradesk import paths
from extradesk.core.legal import luhn_ok
from extradesk.core.search_text import fold, sort_key
from extradesk.models import Civility, ClientStatus, ContactOrigin, OuvrageType
from extradesk.models import User as UserRow


class _Weighted:
    """Seeded weighted choice via bisect on cumulative weights (faster than rng.choices)."""

    def __init__(self, items: Sequence, weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


def _ranked(items: list[str]) -> _Weighted:
    """Lists are ordered by frequency: the first names come up more often (Zipf-like)."""
    return _Weighted(items, [1.0 / (rank + 8) for rank in range(len(items))])


def _read_list(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return list(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


@dataclass(frozen=True)
class _Lists:
    last_names: _Weighted
    female: _Weighted
    male: _Weighted
    communes: _Weighted  # (postal_code, city)
    resorts: _Weighted
    streets: list[str]
    companies: list[str]


@cache
def _lists() -> _Lists:
    folder = paths.resources_dir() / "demo"
    communes, weights, resorts = [], [], []
    with (folder / "communes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if not row or row[0].startswith("#"):
                continue
            place = (row[0], row[1])
            communes.append(place)
            weights.append(int(row[2]))
            if row[3] == "1":
                resorts.append(place)
    return _Lists(
        last_names=_ranked(_read_list(folder / "last_names.txt")),
        female=_ranked(_read_list(folder / "first_names_f.txt")),
        male=_ranked(_read_list(folder / "first_names_m.txt")),
        communes=_Weighted(communes, weights),
        resorts=_Weighted(resorts, [1] * len(resorts)),
        streets=_read_list(folder / "streets.txt"),
        companies=_read_list(folder / "companies.txt"),
    )


# Landline prefix by department (ARCEP zones), and second digits phonenumbers accepts.
_ZONE_01 = {"75", "77", "78", "91", "92", "93", "94", "95"}
_ZONE_02 = {"14", "18", "22", "27", "28", "29", "35", "36", "37", "41", "44", "45", "49", "50",
            "53", "56", "61", "72", "76", "85"}
_ZONE_03 = {"02", "08", "10", "21", "25", "39", "51", "52", "54", "55", "57", "58", "59", "60",
            "62", "67", "68", "70", "71", "80", "88", "89", "90"}
_ZONE_05 = {"09", "12", "16", "17", "19", "23", "24", "31", "32", "33", "40", "46", "47", "64",
            "65", "79", "81", "82", "86", "87"}
_LANDLINE_SECOND = {"1": "0123456789", "2": "01234578", "3": "0123456789", "4": "123456789",
                    "5": "012345678"}
_MOBILE_PREFIXES = _Weighted(["60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75",
                              "76", "77", "78", "79"], [6, 6, 6, 6, 6, 9, 9, 9, 2, 2, 2, 2, 2, 2, 2])
_DOMAINS = _Weighted(["gmail.com", "orange.fr", "free.fr", "hotmail.fr", "wanadoo.fr",
                      "laposte.net", "sfr.fr", "yahoo.fr"], [28, 22, 12, 9, 8, 8, 8, 5])
_LINE2 = ["Bâtiment A", "Bâtiment B", "Bâtiment C", "Escalier 2", "Résidence Les Pins",
          "Résidence du Parc", "Appartement 12", "Appartement 4", "2e étage", "Villa Les Mouettes"]
_NOTES = [
    "Préfère être appelé le matin.", "Chien dans le jardin, sonner avant d'entrer.",
    "Accès chantier par le chemin communal.", "Ne pas appeler le mercredi.",
    "Règlement en trois fois accordé.", "Demande un devis pour un abri de jardin.",
    "Facturer au nom de la SCI.", "Clés chez le voisin du n° 4.", "Très satisfait, nous recommande.",
    "Rappeler au printemps pour l'entretien annuel.", "Portail électrique, code à demander.",
    "Préfère être contacté par e-mail.", "Relancé deux fois sans réponse.",
]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"]
# Ouvrage type label -> (weight, fitting names). Types the user added get their own label.
_OUVRAGE_NAMES = {
    "Piscine": (20, ["Piscine 8×4", "Piscine 10×5", "Piscine 7×3,5", "Piscine coque 6×3",
                     "Piscine à débordement", "Piscine intérieure", "Spa 5 places"]),
    "Poêle à granulés": (15, ["Poêle à granulés séjour", "Poêle à granulés salon",
                              "Poêle à granulés étage", "Poêle à granulés canalisable"]),
    "Poêle à bois": (8, ["Poêle à bois salon", "Poêle à bois véranda", "Poêle à bois cuisine"]),
    "Cheminée": (6, ["Cheminée salon", "Insert cheminée", "Conduit de cheminée"]),
    "Chaudière": (8, ["Chaudière gaz à condensation", "Chaudière fioul", "Chaudière à granulés"]),
    "Pompe à chaleur": (10, ["PAC air/eau", "Pompe à chaleur air/air", "Pompe à chaleur piscine",
                             "Climatisation réversible étage"]),
    "Jardin": (12, ["Jardin", "Jardin arrière", "Potager", "Haie de clôture",
                    "Arrosage automatique", "Pelouse et massifs"]),
    "Terrasse": (8, ["Terrasse bois", "Terrasse carrelée", "Terrasse composite", "Pergola"]),
    "Salle de bains": (6, ["Salle de bains étage", "Salle d'eau", "Salle de bains parentale"]),
    "Cuisine": (5, ["Cuisine", "Cuisine d'été", "Rénovation cuisine"]),
    "Projet graphique": (1, ["Logo", "Site web", "Plaquette commerciale", "Enseigne"]),
    "Autre": (3, ["Portail motorisé", "Abri de jardin", "Clôture", "Carport"]),
}
_OUVRAGE_NOTES = ["Entretien annuel en octobre.", "Liner changé.", "Ramonage à prévoir.",
                  "Sous garantie.", "Accès par le portail du fond.", "Pièces commandées."]
_STATUS_WEIGHTS = {"Suspect": 8, "Prospect": 27, "Client": 55, "Ancien client": 10}
_ORIGIN_WEIGHTS = {"Bouche à oreille": 30, "Salon": 8, "Site web": 20, "Pages Jaunes": 6,
                   "Réseaux sociaux": 8, "Recommandation client": 14, "Publicité locale": 5,
                   "Chantier voisin": 6, "Apporteur d'affaires": 3}
_CIVILITY_WEIGHTS = {"M.": 41, "Mme": 40, "M. et Mme": 15, "Mlle": 1, "Docteur": 2, "Maître": 1}
_FEMALE = {"Mme", "Mlle"}


@lru_cache(maxsize=4096)
def _ascii(text: str | None) -> str:
    """'N'Diaye' -> 'ndiaye', 'Jean-Pierre' -> 'jean-pierre': an e-mail local part."""
    return "".join(c for c in fold(text) if c.isalnum() or c == "-")


def _landline_zone(postal_code: str) -> str:
    department = postal_code[:2]
    if department in _ZONE_01:
        return "1"
    if department in _ZONE_02:
        return "2"
    if department in _ZONE_03:
        return "3"
    if department in _ZONE_05:
        return "5"
    return "4"  # south-east, Corsica (20...) and everything else


@dataclass(frozen=True)
class References:
    civilities: dict[str, int]  # label -> id
    civility_any: list[int]
    statuses: _Weighted | None
    origins: _Weighted | None
    ouvrage_types: _Weighted | None  # (id, names)
    users: list[int]


def _by_label(conn: Connection, table, weights: dict[str, int], default: int) -> _Weighted | None:
    rows = conn.execute(select(table.c.id, table.c.label).where(table.c.active.is_(True))
                        .order_by(table.c.id)).all()
    if not rows:
        return None
    return _Weighted([r[0] for r in rows], [weights.get(r[1], default) for r in rows])


def read_references(conn: Connection) -> References:
    civ = Civility.__table__
    civilities = {label: rid for rid, label in conn.execute(
        select(civ.c.id, civ.c.label).where(civ.c.active.is_(True)).order_by(civ.c.id))}
    types = OuvrageType.__table__
    type_rows = conn.execute(select(types.c.id, types.c.label).where(types.c.active.is_(True))
                             .order_by(types.c.id)).all()
    ouvrage_types = None
    if type_rows:
        ouvrage_types = _Weighted(
            [(r[0], _OUVRAGE_NAMES.get(r[1], (2, [r[1]]))[1]) for r in type_rows],
            [_OUVRAGE_NAMES.get(r[1], (2, []))[0] for r in type_rows],
        )
    user_ids = list(conn.execute(select(UserRow.__table__.c.id)
                                 .where(UserRow.__table__.c.active.is_(True))
                                 .order_by(UserRow.__table__.c.id)).scalars())
    return References(
        civilities=civilities, civility_any=list(civilities.values()),
        statuses=_by_label(conn, ClientStatus.__table__, _STATUS_WEIGHTS, 5),
        origins=_by_label(conn, ContactOrigin.__table__, _ORIGIN_WEIGHTS, 3),
        ouvrage_types=ouvrage_types, users=user_ids,
    )


class RowMaker:
    """Builds client and ouvrage rows from one seeded random stream, in order."""

    def __init__(self, rng: random.Random, refs: References, now: datetime, total: int) -> None:
        self.rng, self.refs, self.lists = rng, refs, _lists()
        self.now, self.total = now, max(total, 1)
        self.start = now - timedelta(days=5 * 365)
        self.span = (now - self.start).total_seconds()
        self.today = now.date()
        # The real sort_key (as services.clients.records stores it), memoised: names repeat a lot.
        self.sort_key = lru_cache(maxsize=1 << 17)(sort_key)
        labels = [lab for lab in _CIVILITY_WEIGHTS if lab in refs.civilities]
        self.civility_pick = _Weighted(labels, [_CIVILITY_WEIGHTS[lab] for lab in labels]) \
            if labels else None

    # -- pieces ---------------------------------------------------------------------------
    def _street(self) -> str:
        rng = self.rng
        street = rng.choice(self.lists.streets)
        if street.startswith(("lieu-dit", "hameau", "lotissement", "résidence")):
            return street[0].upper() + street[1:]
        number = min(int(rng.expovariate(1 / 30)) + 1, 280)  # small numbers are the most common
        suffix = rng.choice((" bis", " ter")) if rng.random() < 0.05 else ""
        return f"{number}{suffix} {street}"

    def _mobile(self) -> str:
        return f"+33{_MOBILE_PREFIXES.pick(self.rng)}{self.rng.randrange(10_000_000):07d}"

    def _landline(self, postal_code: str) -> str:
        zone = _landline_zone(postal_code)
        second = self.rng.choice(_LANDLINE_SECOND[zone])
        return f"+33{zone}{second}{self.rng.randrange(10_000_000):07d}"

    def _email(self, first: str, last: str) -> str:
        rng = self.rng
        f, lname = _ascii(first), _ascii(last).replace("-", "")
        roll = rng.random()
        if roll < 0.40:
            local = f"{f}.{lname}"
        elif roll < 0.50:
            local = f"{f}{lname}"
        elif roll < 0.62:
            local = f"{f[:1]}.{lname}"
        elif roll < 0.70:
            local = f"{lname}.{f}"
        elif roll < 0.82:
            local = f"{f}.{lname}{rng.randint(50, 99)}"
        elif roll < 0.88:
            local = f"{f}-{lname}"
        elif roll < 0.93:
            local = f"{lname}{f[:1]}"
        else:
            local = f"{f}_{lname}{rng.randint(1, 99)}"
        return f"{local}@{_DOMAINS.pick(rng)}"

    def _note(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            return f"Client fidèle depuis {self.today.year - rng.randint(3, 25)}."
        if roll < 0.30:
            return f"Rappeler en {rng.choice(_MONTHS)} pour l'entretien."
        if roll < 0.40:
            return f"Code portail : {rng.randint(1000, 9999)}."
        return rng.choice(_NOTES)

    # -- rows -----------------------------------------------------------------------------
    def client(self, index: int) -> tuple[dict, list[dict]]:
        rng, lists, refs = self.rng, self.lists, self.refs
        is_company = rng.random() < 0.12
        civility_label = self.civility_pick.pick(rng) if self.civility_pick else ""
        female = civility_label in _FEMALE or (civility_label not in ("M.",) and rng.random() < 0.5)
        first = (lists.female if female else lists.male).pick(rng)
        last = lists.last_names.pick(rng)
        if rng.random() < 0.02:
            last = f"{last}-{lists.last_names.pick(rng)}"
        postal_code, city = lists.communes.pick(rng)
        company = None
        if is_company:
            pattern = rng.choice(lists.companies)
            name = last if rng.random() < 0.7 else lists.last_names.pick(rng)
            company = pattern.replace("{nom}", name).replace("{ville}", city)
            if "Société" in refs.civilities and rng.random() < 0.7:
                civility_label = "Société"
        civility_id = refs.civilities.get(civility_label)
        if civility_id is None and refs.civility_any:
            civility_id = rng.choice(refs.civility_any)

        line2 = None
        if rng.random() < 0.08:
            line2 = f"BP {rng.randint(10, 999)}" if is_company else rng.choice(_LINE2)
        site = None
        if not is_company and rng.random() < 0.15:
            site_pc, site_city = (lists.resorts if rng.random() < 0.8 else lists.communes).pick(rng)
            site = (self._street(), site_pc, site_city)

        mobile = self._mobile() if rng.random() < (0.6 if is_company else 0.82) else None
        home = self._landline(postal_code) if not is_company and rng.random() < 0.45 else None
        if is_company:
            work = self._landline(postal_code) if rng.random() < 0.9 else None
        else:
            work = (self._mobile() if rng.random() < 0.5 else self._landline(postal_code)) \
                if rng.random() < 0.06 else None

        email = email2 = None
        if is_company and rng.random() < 0.9:
            slug = "-".join(w for w in _ascii(company.replace(" ", "-")).split("-") if w)[:40]
            email = (f"contact@{slug}.fr" if rng.random() < 0.5
                     else f"{slug.replace('-', '.')}@{_DOMAINS.pick(rng)}")
        elif not is_company and rng.random() < 0.88:
            email = self._email(first, last)
        if email and rng.random() < 0.04:
            email2 = self._email(first, last)

        created = self.start + timedelta(seconds=self.span * (index + rng.random()) / self.total)
        updated = created
        if rng.random() < 0.3:
            updated = created + timedelta(seconds=rng.random() * (self.now - created).total_seconds())
        status_id = refs.statuses.pick(rng) if refs.statuses else None
        row = {
            "civility_id": civility_id, "last_name": last, "first_name": first,
            "company": company, "status_id": status_id,
            **_identity(index if is_company else None),
            "origin_id": refs.origins.pick(rng) if refs.origins else None,
            "billing_line1": self._street(), "billing_line2": line2,
            "billing_postal_code": postal_code, "billing_city": city, "billing_country": "FR",
            "site_same_as_billing": site is None,
            "site_line1": site[0] if site else None, "site_line2": None,
            "site_postal_code": site[1] if site else None, "site_city": site[2] if site else None,
            "phone_mobile": mobile, "phone_home": home, "phone_work": work,
            "email": email, "email2": email2,
            "notes": self._note() if rng.random() < 0.18 else None,
            "archived": rng.random() < 0.02,
            # Exactly services.clients._row_values, so demo rows sort like typed-in ones.
            "sort_key": self.sort_key(company or last, first, last if company else None),
            "created_at": created, "updated_at": updated,
            "created_by": rng.choice(refs.users) if refs.users else None,
        }
        return row, self._ouvrages(created, site)

    def _ouvrages(self, created: datetime, site: tuple | None) -> list[dict]:
        rng, types = self.rng, self.refs.ouvrage_types
        if types is None:
            return []
        roll = rng.random()
        count = 0 if roll < 0.30 else 1 if roll < 0.75 else 2 if roll < 0.93 else 3
        rows = []
        for _ in range(count):
            type_id, names = types.pick(rng)
            at_site = site is not None and rng.random() < 0.7
            rows.append({
                "type_id": type_id, "name": rng.choice(names),
                "line1": site[0] if at_site else None, "line2": None,
                "postal_code": site[1] if at_site else None,
                "city": site[2] if at_site else None,
                "install_date": self.today - timedelta(days=rng.randrange(15 * 365)),
                "notes": rng.choice(_OUVRAGE_NOTES) if rng.random() < 0.1 else None,
                "created_at": created, "updated_at": created,
            })
        return rows


def _identity(index: int | None) -> dict:
    """A business client's SIREN (Luhn key) and French VAT number, made from its index, not
    from the random stream: the rest of the demo stays what it was for a given seed."""
    if index is None:
        return {"siren": None, "vat_number": None}
    body = f"{(400_000_00 + index * 7_919) % 100_000_000:08d}"
    key = next(k for k in range(10) if luhn_ok(body + str(k)))
    siren = body + str(key)
    return {"siren": siren, "vat_number": f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"}
