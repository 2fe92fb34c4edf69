"""French texts of the revenue reports and exports (issue 14). Merged into i18n.messages."""

from __future__ import annotations

TITLES = {
    "ca-journal": "CA par journal",
    "ca-origine": "CA par origine de contact",
    "clients-gagnes-perdus": "Clients gagnés / perdus",
    "reste-a-facturer": "Reste à facturer",
}

COLUMNS = {
    "journal": "Journal",
    "month": "Mois",
    "net": "Total HT",
    "gross": "Total TTC",
    "origin": "Origine",
    "clients": "Clients facturés",
    "quotes": "Devis",
    "accepted": "Devis acceptés",
    "conversion": "Taux de transformation (%)",
    "basket": "Panier moyen HT",
    "client": "Client",
    "outcome": "Gagné / perdu",
    "date": "Date",
    "amount": "Montant HT en jeu",
    "number": "Numéro",
    "kind": "Type",
    "remaining": "Reste à facturer HT",
}

OUTCOMES = {
    "won": "Gagné",
    "lost_refuse": "Perdu : devis refusé",
    "lost_expire": "Perdu : devis expiré",
    "lost_idle": "Perdu : plus de facture",
}

MESSAGES = {
    "export.period_reversed": "La période va du {start} au {end} : la date de fin est avant "
                              "la date de début.",
    "export.unknown": "« {name} » n'est pas un export connu. Exports : {choices}.",
    "export.empty": "Aucune pièce sur cette période : le fichier ne contient que la ligne "
                    "d'en-tête.",
    "export.journal_unknown": "Aucun journal n'a le code « {code} ».",
    "export.cancelled": "Export annulé : aucun fichier n'a été écrit.",
    "export.xlsx_needs_file": "Un classeur xlsx s'écrit dans un fichier : indiquez -o "
                              "FICHIER.xlsx.",
}


def column_label(key: str) -> str:
    if key.startswith("vat_"):
        return f"TVA {key.removeprefix('vat_').replace('.', ',')} %"
    return COLUMNS.get(key, key)


def cell_label(key: str, value):
    """A code shown as words in its column (an outcome, a document kind), else the value."""
    if key == "outcome":
        return OUTCOMES.get(value, value)
    if key == "kind" and value:
        from extradesk.i18n.messages import text

        return text(f"document.kind.{value}")
    return value
