"""Two demonstration supplier catalogues, written as real price files and imported through
the same path as the user's (so the demo shows the import history and remembered mappings).

The pool supplier's file carries W1245ER: typing `w 1245-er` on a demo quote shows the
"found in a supplier catalogue" flow.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extradesk.services.catalogues import importing as catalogue_import
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.context import Context

LINES = 1500  # per supplier: enough to search, instant to import


@dataclass(frozen=True)
class Product:
    """One product line of a supplier: its variants, unit and purchase price range (euros).

    Variants say what matters for that product (a pump's horsepower, a stove's kilowatts, a
    flue's diameter), never another trade's: a supplier's file must read true to a tradesman.
    """

    sub_family: str
    label: str
    variants: tuple[str, ...]
    unit: str
    low: int
    high: int


@dataclass(frozen=True)
class Catalogue:
    encoding: str
    delimiter: str
    family: str
    products: tuple[Product, ...]
    first: tuple[str, str, int]  # (reference, variant, product index): a fixed first line


CATALOGUES = {
    "Aqua Distribution": Catalogue("cp1252", ";", "Piscine", (
        Product("Filtration", "Pompe de filtration", ("0,75 CV", "1 CV", "1,5 CV", "2 CV"),
                "u", 250, 900),
        Product("Filtration", "Filtre à sable", ("Ø 500 mm", "Ø 600 mm", "Ø 750 mm"), "u", 280,
                950),
        Product("Filtration", "Vanne 6 voies", ("1\"1/2", "2\""), "u", 60, 180),
        Product("Pièces à sceller", "Skimmer", ("grande bouche", "standard", "pour liner",
                                                "pour béton"), "u", 45, 160),
        Product("Pièces à sceller", "Buse de refoulement", ("Ø 50 mm", "orientable",
                                                            "pour liner"), "u", 8, 35),
        Product("Pièces à sceller", "Projecteur LED", ("blanc", "couleur", "extra-plat"), "u",
                120, 420),
        Product("Liners", "Liner 75/100e", ("bleu", "sable", "gris anthracite", "blanc"),
                "m²", 18, 40),
        Product("Liners", "Bâche à bulles", ("400 µ", "500 µ"), "m²", 3, 9),
        Product("Chauffage", "Pompe à chaleur piscine", ("6 kW", "9 kW", "12 kW", "15 kW"),
                "u", 1400, 4200),
        Product("Entretien", "Robot électrique", ("fond et parois", "fond seul",
                                                  "ligne d'eau"), "u", 450, 1600),
    ), ("W1245ER", "1 CV", 0)),
    "Poêles & Flammes SA": Catalogue("utf-8", "\t", "Chauffage bois", (
        Product("Poêles", "Poêle à granulés", ("6 kW", "8 kW", "10 kW", "étanche 8 kW",
                                               "étanche 11 kW"), "u", 1600, 4200),
        Product("Poêles", "Poêle à bois", ("7 kW", "9 kW", "Flamme verte 8 kW"), "u", 900,
                3200),
        Product("Conduits", "Tubage inox", ("Ø 80 mm", "Ø 100 mm", "Ø 150 mm",
                                            "316L Ø 130 mm"), "m", 25, 90),
        Product("Conduits", "Conduit double paroi", ("Ø 80/130", "Ø 100/150", "Ø 150/200"),
                "m", 60, 180),
        Product("Conduits", "Té de raccordement", ("Ø 80 mm", "Ø 100 mm", "Ø 150 mm"), "u",
                25, 90),
        Product("Conduits", "Chapeau pare-pluie", ("inox Ø 80 mm", "inox Ø 150 mm",
                                                   "noir mat Ø 150 mm"), "u", 35, 120),
        Product("Accessoires", "Plaque de sol verre", ("trempé 100×100", "trempé 120×100",
                                                       "fumé"), "u", 90, 220),
        Product("Accessoires", "Kit de ramonage", ("Ø 80 mm", "Ø 150 mm", "hérisson nylon"),
                "u", 25, 90),
        Product("Accessoires", "Thermostat", ("d'ambiance", "Wi-Fi", "radio"), "u", 60, 220),
    ), ("TUB-80.INOX", "Ø 80 mm", 2)),
}


def catalogue_rows(catalogue: Catalogue, rng: random.Random):
    """(reference, label, sub-family, unit, purchase cents, public cents) of each line."""
    for i in range(LINES):
        if i == 0:
            ref, variant, index = catalogue.first
            product = catalogue.products[index]
        else:
            product = rng.choice(catalogue.products)
            variant = rng.choice(product.variants)
            ref = (f"{rng.choice('ABCDKLMPRSTW')}{rng.randrange(100, 9999)}"
                   f"{rng.choice(('', '-', '.'))}{rng.choice(('ER', 'B', 'X', 'INOX', '80'))}{i}")
        cents = rng.randrange(product.low * 100, product.high * 100 + 1)
        public = cents * rng.choice((135, 150, 170)) // 100
        yield ref, f"{product.label} {variant}", product.sub_family, product.unit, cents, public


def _write(path: Path, catalogue: Catalogue, rng: random.Random) -> None:
    delimiter = catalogue.delimiter
    with path.open("w", encoding=catalogue.encoding, newline="") as f:
        f.write(delimiter.join(("Référence", "Désignation", "Famille", "Sous-famille", "Unité",
                                "Prix achat HT", "Prix public HT", "TVA")) + "\r\n")
        for ref, label, sub, unit, cents, public in catalogue_rows(catalogue, rng):
            f.write(delimiter.join((
                ref, label, catalogue.family, sub, unit,
                f"{cents // 100},{cents % 100:02d}", f"{public // 100},{public % 100:02d}",
                "20")) + "\r\n")


def generate_catalogues(ctx: Context, *, seed: int = 1) -> int:
    """Import the two catalogues once (skipped when a catalogue exists); lines imported."""
    if catalogue.has_lines(ctx):
        return 0
    rng = random.Random(seed)
    made = 0
    with tempfile.TemporaryDirectory(prefix="extradesk-demo-") as folder:
        for n, (name, catalogue_file) in enumerate(CATALOGUES.items()):
            path = Path(folder) / f"tarif-{n + 1}.csv"
            _write(path, catalogue_file, rng)
            supplier_id = catalogue.supplier_by_name(ctx, name)
            staged, _ = catalogue_import.import_file(ctx, supplier_id, path=path)
            made += staged.lines
    return made
