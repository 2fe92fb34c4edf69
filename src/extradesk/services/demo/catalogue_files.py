"""Two demonstration supplier catalogues, written as real price files and imported through
the same path as the user's (so the demo shows the import history and remembered mappings).

The pool supplier's file carries W1245ER: typing `w 1245-er` on a demo quote shows the
"found in a supplier catalogue" flow.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from extradesk.services.catalogues import importing as catalogue_import
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.context import Context

LINES = 1500  # per supplier: enough to search, instant to import
CATALOGUES = {
    "Aqua Distribution": (
        "cp1252", ";", ("Piscine", ("Filtration", "Pièces à sceller", "Liners", "Chauffage")),
        ("Pompe de filtration", "Filtre à sable", "Skimmer", "Buse de refoulement",
         "Projecteur LED", "Liner 75/100e", "Pompe à chaleur", "Vanne 6 voies", "Bâche à bulles",
         "Robot électrique")),
    "Poêles & Flammes SA": (
        "utf-8", "\t", ("Chauffage bois", ("Poêles", "Conduits", "Accessoires")),
        ("Poêle à granulés", "Tubage inox", "Conduit double paroi", "Plaque de sol verre",
         "Té de raccordement", "Chapeau pare-pluie", "Kit de ramonage", "Thermostat")),
}
QUALIFIERS = ("inox 316", "Ø 80 mm", "Ø 100 mm", "blanc", "noir mat", "8 kW", "12 kW",
              "étanche", "grande bouche", "1 CV", "1,5 CV", "haute température")


def _write(path: Path, encoding: str, delimiter: str, family, labels, rng, first: str) -> None:
    top, subs = family
    with path.open("w", encoding=encoding, newline="") as f:
        f.write(delimiter.join(("Référence", "Désignation", "Famille", "Sous-famille", "Unité",
                                "Prix achat HT", "Prix public HT", "TVA")) + "\r\n")
        for i in range(LINES):
            ref = first if i == 0 else (
                f"{rng.choice('ABCDKLMPRSTW')}{rng.randrange(100, 9999)}"
                f"{rng.choice(('', '-', '.'))}{rng.choice(('ER', 'B', 'X', 'INOX', '80'))}{i}")
            label = "Pompe de filtration 1 CV" if i == 0 else \
                f"{rng.choice(labels)} {rng.choice(QUALIFIERS)}"
            cents = rng.randrange(300, 450_000)
            public = cents * rng.choice((135, 150, 170)) // 100
            f.write(delimiter.join((
                ref, label, top, rng.choice(subs), rng.choice(("u", "u", "m", "lot")),
                f"{cents // 100},{cents % 100:02d}", f"{public // 100},{public % 100:02d}",
                "20")) + "\r\n")


def generate_catalogues(ctx: Context, *, seed: int = 1) -> int:
    """Import the two catalogues once (skipped when a catalogue exists); lines imported."""
    if catalogue.has_lines(ctx):
        return 0
    rng = random.Random(seed)
    made = 0
    with tempfile.TemporaryDirectory(prefix="extradesk-demo-") as folder:
        for n, (name, (encoding, delimiter, family, labels)) in enumerate(CATALOGUES.items()):
            path = Path(folder) / f"tarif-{n + 1}.csv"
            _write(path, encoding, delimiter, family, labels, rng,
                   first="W1245ER" if n == 0 else "TUB-80.INOX")
            supplier_id = catalogue.supplier_by_name(ctx, name)
            staged, _ = catalogue_import.import_file(ctx, supplier_id, path=path)
            made += staged.lines
    return made
