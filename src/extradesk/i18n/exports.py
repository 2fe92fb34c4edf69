"""French texts of the revenue reports and exports (issue 14). Merged into i18n.messages."""

from __future__ import annotations

TITLES = {
    "ca-journal": "CA par journal",
    "ca-origine": "CA par origine de contact",
    "clients-gagnes-perdus": "Clients gagnés / perdus",
    "reste-a-facturer": "Reste à facturer",
    "commercial": "Export commercial",
    "ca-famille": "CA par famille",
    "ca-compte": "CA par compte comptable",
    "encaissements": "Encaissements",
    "fec": "Écritures comptables (FEC)",
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
    "postal_code": "Code postal",
    "city": "Ville",
    "ouvrage": "Ouvrage",
    "status": "État",
    "author": "Auteur",
    "vat": "TVA",
    "paid": "Réglé",
    "due_date": "Échéance",
    "family": "Famille",
    "share": "Part du CA (%)",
    "account": "Compte",
    "account_label": "Intitulé du compte",
    "mode": "Mode de règlement",
    "payments": "Règlements",
    "received": "Encaissé",
    "paid_out": "Remboursé ou annulé",
    "to_pay": "Reste à régler TTC",
}
FIELD_LABELS = {
    "client_root": "Racine des comptes clients",
    "vat_root": "Racine des comptes de TVA collectée",
    "bank_account": "Compte de banque",
    "journal_accounts": "Compte d'un journal de trésorerie",
}

NO_FAMILY = "Sans famille"

# Words of the FEC's entries (account and entry labels).
FEC_LABELS = {
    "clients": "Clients",
    "vat": "TVA collectée {rate} %",
    "sales": "Ventes",
    "bank": "Banque",
    "payment": "Règlement {mode} {name}",
    "cancel": "Annulation règlement {mode} {name}",
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
    "export.kind_unknown": "Type de pièce « {value} » inconnu (choix : {choices}).",
    "export.status_unknown": "État « {value} » inconnu (choix : {choices}).",
    "export.account_invalid": "{field} : « {value} » n'est pas un numéro de compte (chiffres "
                              "seulement, {max} au plus).",
    "export.fec_no_siren": "Le FEC est nommé d'après le SIREN : indiquez le SIRET de "
                           "l'entreprise (Paramètres > Votre entreprise) avant de l'exporter.",
    "export.xlsx_needs_file": "Un classeur xlsx s'écrit dans un fichier : indiquez -o "
                              "FICHIER.xlsx.",
}


def column_label(key: str) -> str:
    if key.startswith("vat_"):
        return f"TVA {key.removeprefix('vat_').replace('.', ',')} %"
    return COLUMNS.get(key, key)


LABELLED = frozenset({"outcome", "kind", "status", "mode"})  # columns cell_label changes


def cell_label(key: str, value):
    """A code shown as words in its column (an outcome, a document kind), else the value."""
    if key == "outcome":
        return OUTCOMES.get(value, value)
    if key in ("kind", "status", "mode") and value:
        from extradesk.i18n.messages import text

        prefix = {"kind": "document.kind.", "status": "document.status.",
                  "mode": "payment.mode."}[key]
        return text(f"{prefix}{value}")
    return value
