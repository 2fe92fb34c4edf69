"""The demo data reads true to a tradesman: each supplier's price file and each job's quote
template speak of its own trade, powers and units fit the product, prices are plausible, and
a job bears one VAT rate unless its template says why."""

from __future__ import annotations

import random
import re
import sqlite3

import pytest

from extradesk.core.search_text import fold
from extradesk.services.demo import catalogue_files, quote_templates

POOL_WORDS = ("piscine", "filtration", "skimmer", "liner", "bache", "robot", "cv")
STOVE_WORDS = ("poele", "granules", "ramonage", "tubage", "conduit", "fumisterie", "bois")
# A tradesman's idea of what these cost the installer (euros HT, purchase): far outside is
# a joke ("Kit de ramonage" at 4 040 €).
PLAUSIBLE = {
    "Pompe de filtration": (150, 1500), "Filtre à sable": (150, 1500),
    "Vanne 6 voies": (30, 300), "Skimmer": (20, 250), "Buse de refoulement": (3, 60),
    "Projecteur LED": (60, 600), "Liner 75/100e": (10, 60), "Bâche à bulles": (1, 15),
    "Pompe à chaleur piscine": (900, 6000), "Robot électrique": (300, 2500),
    "Poêle à granulés": (1000, 6000), "Poêle à bois": (600, 5000), "Tubage inox": (10, 150),
    "Conduit double paroi": (30, 300), "Té de raccordement": (10, 150),
    "Chapeau pare-pluie": (15, 200), "Plaque de sol verre": (50, 400),
    "Kit de ramonage": (10, 150), "Thermostat": (30, 400),
}
HEATERS = ("Poêle", "Pompe à chaleur", "Insert", "Chaudière")


def words(label: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(label)))


def power_fits(label: str) -> bool:
    """Kilowatts on heating appliances only, horsepower on pumps only."""
    if re.search(r"\bkW\b", label) and not label.startswith(HEATERS):
        return False
    return not (re.search(r"\bCV\b", label) and not label.startswith("Pompe de filtration"))


@pytest.mark.parametrize(("supplier", "foreign"), [
    ("Aqua Distribution", STOVE_WORDS), ("Poêles & Flammes SA", POOL_WORDS)])
def test_each_supplier_file_speaks_of_its_own_trade(supplier, foreign):
    rows = list(catalogue_files.catalogue_rows(catalogue_files.CATALOGUES[supplier],
                                               random.Random(1)))
    assert len(rows) == catalogue_files.LINES
    for _ref, label, _sub, unit, cents, public in rows:
        assert not words(label) & set(foreign), (supplier, label)
        assert power_fits(label), label
        product = next(p for p in PLAUSIBLE if label.startswith(p))
        low, high = PLAUSIBLE[product]
        assert low * 100 <= cents <= high * 100, (label, cents)
        assert cents < public, label
        if re.search(r"\b(kW|CV)\b", label):
            assert unit == "u", label  # an appliance is sold by the unit


@pytest.mark.sqlite_only
def test_the_imported_demo_catalogues_hold_no_joke(ctx, db_path):
    from extradesk.services.demo import dataset

    dataset.generate(ctx, clients=5, documents=False)
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT s.label, l.label FROM catalogue_lines l "
                            "JOIN suppliers s ON s.id = l.supplier_id").fetchall()
    assert len(rows) == 2 * catalogue_files.LINES
    for supplier, label in rows:
        foreign = STOVE_WORDS if supplier == "Aqua Distribution" else POOL_WORDS
        assert not words(label) & set(foreign), (supplier, label)
        assert power_fits(label), label


TEMPLATES = {**quote_templates.BY_OUVRAGE_TYPE, "Entretien": quote_templates.SERVICE}


def items(template):
    for _title, chapter in (*template.chapters, *template.options):
        yield from chapter


@pytest.mark.parametrize("trade", sorted(TEMPLATES))
def test_each_job_template_is_coherent(trade):
    template = TEMPLATES[trade]
    rates = {item[5] for item in items(template)}
    assert len(rates) == 1 or template.vat_reason, (trade, rates)
    for code, label, unit, low, high, _vat, qmin, qmax in items(template):
        assert power_fits(label), label
        assert 0 < low <= high and 0 < qmin <= qmax, code
        if trade in ("Poêle à granulés", "Poêle à bois", "Cheminée"):
            assert not words(label) & set(POOL_WORDS), label
        if trade == "Piscine":
            assert not words(label) & set(STOVE_WORDS), label
        if unit == "forfait":
            assert qmin == qmax == 1, code  # a lump sum is one


def test_the_stove_jobs_bear_the_reduced_rate_only():
    for template in (quote_templates.PELLET_STOVE, quote_templates.WOOD_STOVE,
                     quote_templates.FIREPLACE, quote_templates.HEAT_PUMP):
        assert {item[5] for item in items(template)} == {"5.5"}, template.title
