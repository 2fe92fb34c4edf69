"""What demo quotes are made of: one template per kind of job, in the words of each trade,
and the lines drawn from a template.

Item: (code, label, unit, min price HT, max price HT, VAT %, min qty, max qty).
A template: a title, chapters of items, and options (a title and their items). A job bears
one VAT rate (5,5 % for energy-saving works in a home over two years old, 10 % for other
renovation, 20 % otherwise) unless the template says why some line differs (vat_reason).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extradesk.core.money import ZERO
from extradesk.core.totals import PricedLine, compute, line_net

Item = tuple[str, str, str, float, float, str, float, float]


@dataclass(frozen=True)
class Template:
    title: str
    chapters: tuple[tuple[str, tuple[Item, ...]], ...]
    options: tuple[tuple[str, tuple[Item, ...]], ...] = ()
    vat_reason: str | None = None  # why the job mixes VAT rates, when it does


POOL = Template(
    "Construction d'une piscine enterrée",
    (
        ("Terrassement", (
            ("TER-01", "Terrassement en pleine masse", "m³", 35, 48, "20", 30, 60),
            ("TER-02", "Évacuation des terres en décharge", "m³", 18, 26, "20", 30, 60),
        )),
        ("Maçonnerie", (
            ("MAC-01", "Radier béton armé ép. 15 cm", "m²", 62, 85, "20", 25, 50),
            ("MAC-02", "Parpaings à bancher 20×20×50", "u", 2.9, 3.6, "20", 250, 480),
            ("MAC-03", "Margelles pierre reconstituée", "ml", 48, 75, "20", 22, 34),
        )),
        ("Équipement", (
            ("LIN-01", "Liner 75/100e, pose comprise", "u", 2100, 3400, "20", 1, 1),
            ("FIL-01", "Filtration à sable 10 m³/h", "u", 980, 1450, "20", 1, 1),
            ("PRJ-01", "Projecteur LED blanc", "u", 180, 320, "20", 1, 2),
        )),
    ),
    (
        ("Chauffage de l'eau", (
            ("PAC-09", "Pompe à chaleur piscine 9 kW", "u", 2600, 3600, "20", 1, 1),
            ("ELE-01", "Raccordement électrique", "h", 45, 55, "20", 2, 5),
        )),
        ("Volet roulant immergé", (("VOL-01", "Volet immergé lames PVC", "u", 5200, 7900,
                                    "20", 1, 1),)),
    ),
)
PELLET_STOVE = Template(
    "Fourniture et pose d'un poêle à granulés",
    (
        ("Appareil", (
            ("POE-08", "Poêle à granulés 8 kW étanche", "u", 2400, 4200, "5.5", 1, 1),
            ("PLA-01", "Plaque de sol en verre trempé", "u", 120, 190, "5.5", 1, 1),
        )),
        ("Fumisterie", (
            ("CON-80", "Conduit concentrique Ø 80/130", "ml", 85, 120, "5.5", 3, 8),
            ("TER-80", "Terminal de toiture", "u", 160, 260, "5.5", 1, 1),
            ("POS-01", "Pose et mise en service", "forfait", 450, 750, "5.5", 1, 1),
        )),
    ),
    (("Confort", (("WIF-01", "Module Wi-Fi et thermostat", "u", 140, 220, "5.5", 1, 1),)),),
)
WOOD_STOVE = Template(
    "Fourniture et pose d'un poêle à bois",
    (
        ("Appareil", (("BOI-07", "Poêle à bois 7 kW Flamme verte", "u", 1300, 2800, "5.5",
                       1, 1),)),
        ("Fumisterie", (
            ("TUB-15", "Tubage inox Ø 150", "ml", 55, 80, "5.5", 5, 10),
            ("RAM-02", "Ramonage avant tubage", "forfait", 70, 95, "5.5", 1, 1),
            ("POS-02", "Pose et raccordement", "forfait", 380, 620, "5.5", 1, 1),
        )),
    ),
)
FIREPLACE = Template(
    "Rénovation de cheminée",
    (("Travaux", (
        ("INS-01", "Insert fonte 12 kW", "u", 1600, 2900, "5.5", 1, 1),
        ("HOT-01", "Habillage de hotte plâtre", "forfait", 700, 1300, "5.5", 1, 1),
        ("RAM-01", "Ramonage", "forfait", 70, 95, "5.5", 1, 1),
    )),),
)
BOILER = Template(
    "Remplacement de chaudière",
    (("Chaufferie", (
        ("CHA-25", "Chaudière gaz à condensation 25 kW", "u", 2300, 3600, "5.5", 1, 1),
        ("DEP-01", "Dépose de l'ancienne chaudière", "forfait", 180, 320, "5.5", 1, 1),
        ("DES-01", "Désembouage du circuit", "forfait", 350, 550, "5.5", 1, 1),
        ("THE-01", "Thermostat d'ambiance connecté", "u", 120, 240, "5.5", 1, 1),
    )),),
    (("Contrat d'entretien", (("ENT-01", "Entretien annuel la première année", "u", 120,
                               160, "10", 1, 1),)),),
    vat_reason="L'entretien annuel est une prestation distincte des travaux : 10 %.",
)
HEAT_PUMP = Template(
    "Installation d'une pompe à chaleur air/eau",
    (
        ("Équipement", (
            ("PAC-11", "Pompe à chaleur air/eau 11 kW", "u", 6800, 9800, "5.5", 1, 1),
            ("BAL-01", "Ballon tampon 100 l", "u", 420, 680, "5.5", 1, 1),
        )),
        ("Installation", (
            ("HYD-01", "Liaisons hydrauliques", "ml", 35, 55, "5.5", 8, 20),
            ("ELE-02", "Alimentation électrique dédiée", "forfait", 380, 650, "5.5", 1, 1),
            ("MES-01", "Mise en service", "forfait", 250, 400, "5.5", 1, 1),
        )),
    ),
)
GARDEN = Template(
    "Aménagement paysager",
    (
        ("Préparation", (
            ("DEB-01", "Débroussaillage", "m²", 1.2, 2.5, "20", 100, 900),
            ("TER-03", "Apport de terre végétale", "m³", 38, 55, "20", 5, 25),
        )),
        ("Plantations", (
            ("GAZ-01", "Engazonnement par semis", "m²", 4.5, 7.5, "20", 80, 600),
            ("HAI-01", "Haie champêtre, plants en godet", "ml", 14, 24, "20", 15, 60),
            ("ARB-01", "Arbre tige 12/14, fourni planté", "u", 140, 290, "20", 1, 5),
        )),
    ),
    (("Arrosage automatique", (
        ("ARR-01", "Programmateur 6 voies", "u", 180, 320, "20", 1, 1),
        ("ARR-02", "Réseau goutte-à-goutte", "ml", 3.5, 6, "20", 40, 150),
    )),),
)
TERRACE = Template(
    "Création d'une terrasse",
    (("Terrasse", (
        ("LAM-01", "Lambourdes pin classe 4", "ml", 6, 9.5, "20", 40, 120),
        ("LAM-02", "Lames composites 21 mm", "m²", 55, 95, "20", 15, 45),
        ("POS-03", "Pose de la terrasse", "m²", 35, 55, "20", 15, 45),
    )),),
    (("Éclairage", (("SPO-01", "Spots encastrés LED", "u", 35, 60, "20", 4, 10),)),),
)
BATHROOM = Template(
    "Rénovation de salle de bains",
    (
        ("Démolition", (("DEM-01", "Dépose sanitaires et faïence", "forfait", 450, 900,
                         "10", 1, 1),)),
        ("Plomberie", (
            ("DOU-01", "Receveur extra-plat 90×120", "u", 320, 560, "10", 1, 1),
            ("MEU-01", "Meuble vasque 80 cm", "u", 480, 950, "10", 1, 1),
            ("WC-01", "WC suspendu avec bâti", "u", 420, 780, "10", 1, 1),
        )),
        ("Carrelage", (("FAI-01", "Faïence murale, pose comprise", "m²", 65, 95, "10", 12,
                        28),)),
    ),
)
KITCHEN = Template(
    "Rénovation de cuisine",
    (("Cuisine", (
        ("EVI-01", "Évier granit 1 bac", "u", 260, 420, "10", 1, 1),
        ("PLA-02", "Plan de travail stratifié", "ml", 90, 160, "10", 2, 5),
        ("POS-04", "Pose des meubles", "forfait", 650, 1200, "10", 1, 1),
    )),),
)
GRAPHICS = Template(
    "Création graphique",
    (("Prestations", (
        ("LOG-01", "Création de logo, 3 pistes", "forfait", 450, 1200, "20", 1, 1),
        ("CHA-01", "Charte graphique", "forfait", 600, 1500, "20", 1, 1),
        ("IMP-01", "Cartes de visite, 500 ex.", "u", 60, 120, "20", 1, 2),
    )),),
)
OTHER = Template(
    "Travaux divers",
    (("Travaux", (
        ("POR-01", "Portail aluminium battant", "u", 1800, 3200, "20", 1, 1),
        ("MOT-01", "Motorisation de portail", "u", 650, 1100, "20", 1, 1),
        ("MO-01", "Main-d'œuvre", "h", 42, 55, "20", 4, 16),
    )),),
)
SERVICE = Template(  # small invoices without a quote: maintenance visits
    "Entretien",
    (("Intervention", (
        ("ENT-02", "Entretien annuel", "forfait", 95, 180, "10", 1, 1),
        ("DEP-02", "Déplacement", "forfait", 25, 45, "10", 1, 1),
    )),),
)
BY_OUVRAGE_TYPE = {
    "Piscine": POOL, "Poêle à granulés": PELLET_STOVE, "Poêle à bois": WOOD_STOVE,
    "Cheminée": FIREPLACE, "Chaudière": BOILER, "Pompe à chaleur": HEAT_PUMP, "Jardin": GARDEN,
    "Terrasse": TERRACE, "Salle de bains": BATHROOM, "Cuisine": KITCHEN,
    "Projet graphique": GRAPHICS, "Autre": OTHER,
}
ANY = (POOL, PELLET_STOVE, HEAT_PUMP, GARDEN, TERRACE, BATHROOM, BOILER, WOOD_STOVE)


def _price(rng: random.Random, low: float, high: float) -> Decimal:
    value = rng.uniform(low, high)
    step = 1 if value >= 100 else 0.05 if value >= 5 else 0.01
    return Decimal(str(round(round(value / step) * step, 2)))


def _quantity(rng: random.Random, unit: str, low: float, high: float) -> Decimal:
    if low == high:
        return Decimal(str(low)).normalize()
    if unit in ("u", "forfait", "h"):
        return Decimal(rng.randint(int(low), int(high)))
    return Decimal(str(round(rng.uniform(low, high), 1)))


def _item(rng: random.Random, item: Item, option: int | None) -> dict:
    code, label, unit, low, high, vat, qmin, qmax = item
    quantity, price = _quantity(rng, unit, qmin, qmax), _price(rng, low, high)
    discount = Decimal(rng.choice((5, 10))) if rng.random() < 0.08 else ZERO
    rate = Decimal(vat)
    return {"kind": "article", "code": code, "label": label, "description": None,
            "quantity": quantity, "unit": unit, "unit_price": price, "discount": discount,
            "vat_rate": rate, "option": option,
            "net": line_net(PricedLine(quantity, price, rate, discount))}


def _text(code: str, label: str, option: int | None = None) -> dict:
    return {"kind": "texte", "code": code, "label": label, "description": None,
            "quantity": None, "unit": None, "unit_price": None, "discount": ZERO,
            "vat_rate": None, "net": None, "option": option}


def quote_lines(template: Template, seed: int) -> list[dict]:
    """Every line of a demo quote, the same each time for the same seed (option: its index
    among the template's options, None for ordinary lines)."""
    rng = random.Random(seed)
    lines = [_text("txt_titre", template.title)]
    for number, (chapter, items) in enumerate(template.chapters, start=1):
        if len(template.chapters) > 1:
            lines.append(_text(f"txt_chapitre{number}", chapter))
        lines += [_item(rng, item, None) for item in items if rng.random() < 0.9 or
                  item is items[0]]
    for index, (_title, items) in enumerate(template.options):
        lines += [_item(rng, item, index) for item in items]
    return lines


def totals(lines: Sequence[dict]):
    return compute([PricedLine(r["quantity"], r["unit_price"], r["vat_rate"], r["discount"],
                               in_option=r["option"] is not None, option_key=r["option"])
                    for r in lines if r["kind"] == "article"])
