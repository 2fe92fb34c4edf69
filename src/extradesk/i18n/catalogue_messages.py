"""French texts of supplier catalogues (issue 4), merged into i18n.messages.MESSAGES."""

from __future__ import annotations

from extradesk.i18n.format import count, integer

_NUMBERS = {"purchase_price": "prix d'achat", "public_price": "prix public", "vat_rate": "TVA"}

MESSAGES = {
    "catalogue.mapping_not_object": "un objet JSON est attendu",
    "catalogue.mapping_column_missing": "« {column} » : « {where} » introuvable",
    "catalogue.hit_supplier": "catalogue {supplier}",
    "catalogue.hit_price": "achat {price} HT",
    "catalogue.cancelled": "Import annulé : le catalogue n'a pas été modifié.",
    "catalogue.unreadable": "Impossible de lire le fichier « {path} » : {detail}.",
    "catalogue.empty": "Le fichier « {path} » est vide.",
    "catalogue.not_text": (
        "Le fichier « {path} » n'est pas un fichier texte (CSV ou TXT) : enregistrez le "
        "catalogue au format CSV depuis votre tableur, puis recommencez."
    ),
    "catalogue.no_columns": (
        "Aucune colonne trouvée : le fichier n'est pas séparé par des points-virgules, "
        "des virgules ou des tabulations."
    ),
    "catalogue.ref_unmapped": "Indiquez quelle colonne contient la référence.",
    "catalogue.mapping_invalid": "La colonne n° {column} n'existe pas dans ce fichier.",
    "catalogue.line_too_long": (
        "Ligne {line} : plus de {limit} Ko sans retour à la ligne ; ce fichier n'est pas un "
        "catalogue lisible."
    ),
    "catalogue.line_broken": "Ligne {line} : ligne mal formée ({detail}).",
    "catalogue.line_encoding": (
        "Ligne {line} : caractères illisibles en {encoding} (mauvais encodage ?)."
    ),
    "catalogue.line_short": "Ligne {line} : {found|colonne|colonnes} au lieu de {expected}.",
    "catalogue.ref_missing": "Ligne {line} : référence manquante.",
    "catalogue.ref_too_long": "Ligne {line} : référence de plus de {limit} caractères.",
    "catalogue.vat_invalid": "Ligne {line} : TVA « {value} » n'est pas un taux de TVA.",
    "catalogue.bad_lines": (
        "{count|ligne|lignes} en erreur : rien n'a été importé (l'option « ignorer les lignes "
        "en erreur » importe les autres)."
    ),
    "catalogue.nothing_valid": "Aucune ligne valide dans le fichier : rien n'a été importé.",
    "catalogue.file_required": "Choisissez le fichier du catalogue.",
    "catalogue.supplier_required": "Choisissez le fournisseur de ce catalogue.",
    "catalogue.supplier_unknown": "Fournisseur inconnu : « {value} ».",
    "catalogue.import_unknown": "L'import n° {id} n'existe pas ou a déjà été traité.",
    "catalogue.line_not_found": "La ligne de catalogue n° {id} n'existe pas (ou plus).",
    "catalogue.mapping_file": "Fichier de correspondance illisible « {path} » : {detail}.",
    "catalogue.take_unknown": "Valeur à reprendre inconnue : {value}.",
}
# One message per column: the column's name sits inside the sentence, in lower case.
for _field, _name in _NUMBERS.items():
    MESSAGES[f"catalogue.not_a_number.{_field}"] = (
        f"Ligne {{line}} : {_name} « {{value}} » n'est pas un nombre.")
    MESSAGES[f"catalogue.negative.{_field}"] = f"Ligne {{line}} : {_name} « {{value}} » est négatif."


def diff_summary(*, added: int, removed: int, price_up: int, price_down: int,
                 unchanged: int) -> str:
    """One French line saying what an import changes in a supplier's catalogue."""
    if not (removed or price_up or price_down or unchanged):
        return f"Premier import : {count(added, 'ligne nouvelle', 'lignes nouvelles')}."
    return (f"{count(added, 'nouvelle', 'nouvelles')}, {count(removed, 'retirée', 'retirées')}, "
            f"{integer(price_up)} prix en hausse, {integer(price_down)} prix en baisse, "
            f"{count(unchanged, 'inchangée', 'inchangées')}.")


DIFF_KINDS = {"added": "nouvelle", "removed": "retirée", "price_up": "hausse",
              "price_down": "baisse"}
