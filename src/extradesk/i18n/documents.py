"""French texts of commercial documents (issue 3): kinds, statuses, the actions that move a
document between them, errors, legal mentions, and the words of the printed PDF. Merged into
i18n.messages."""

from __future__ import annotations

FIELD_LABELS = {
    "code": "Code",
    "description": "Description",
    "quantity": "Quantité",
    "unit": "Unité",
    "unit_price": "Prix unitaire HT",
    "discount": "Remise (%)",
    "vat_rate": "TVA",
    "percent": "Pourcentage d'acompte",
    "issue_date": "Date",
    "validity_date": "Date de validité",
    "due_date": "Échéance",
    "subject": "Objet",
    "depot_id": "Dépôt",
    "option_title": "Titre de l'option",
    "legal_form": "Forme juridique",
    "capital": "Capital social",
    "siret": "SIRET",
    "rcs_rm": "RCS / RM",
    "vat_number": "N° de TVA intracommunautaire",
    "iban": "IBAN",
    "bic": "BIC",
    "insurer": "Assureur (décennale)",
    "insurance_policy": "N° de contrat d'assurance",
    "insurance_coverage": "Couverture géographique",
    "payment_days": "Délai de paiement (jours)",
    "payment_terms": "Conditions de paiement",
    "late_penalty": "Pénalités de retard",
    "quote_validity_days": "Validité des devis (jours)",
    "housing_vat_text": "Mention TVA à taux réduit",
    "logo": "Logo",
    "phone": "Téléphone",
    "website": "Site web",
}
_MISSING = "Mention obligatoire manquante : "
MESSAGES = {
    "document.kind.devis": "Devis",
    "document.kind.commande": "Commande",
    "document.kind.facture": "Facture",
    "document.kind.acompte": "Facture d'acompte",
    "document.kind.avoir": "Avoir",
    "document.status.brouillon": "Brouillon",
    "document.status.envoye": "Envoyé",
    "document.status.accepte": "Accepté",
    "document.status.refuse": "Refusé",
    "document.status.expire": "Expiré",
    "document.status.confirmee": "Confirmée",
    "document.status.livree": "Livrée",
    "document.status.annulee": "Annulée",
    "document.status.facturee": "Facturée",
    "document.status.emise": "Émise",
    "document.status.avoir.emise": "Émis",  # un avoir: masculine
    "document.status.payee_partiellement": "Payée partiellement",
    "document.status.payee": "Payée",
    "document.not_found": "Le document n° {id} n'existe pas (ou plus).",
    "document.number_unknown": "Aucune pièce ne porte le numéro « {value} ».",
    "document.frozen": (
        "{name} : pièce émise, elle ne peut plus être modifiée. "
        "Pour la corriger, établissez un avoir."
    ),
    "document.not_editable": "{name} ({status}) ne peut plus être modifié(e).",
    "document.status_needs_action": "Utilisez « {action} » pour passer à l'état « {target} ».",
    "document.not_issuable": "{kind} : ce type de pièce ne s'émet pas (il est numéroté dès sa création).",
    "document.already_issued": "{name} : cette pièce est déjà émise.",
    "document.empty": "La pièce ne contient aucune ligne chiffrée : il n'y a rien à émettre.",
    "document.due_before_issue": "L'échéance ({due}) est antérieure à la date de la pièce ({date}).",
    "document.validity_before_issue": (
        "La date de validité ({validity}) est antérieure à la date du devis ({date})."
    ),
    "document.wrong_kind": "Cette action s'applique à : {expected} (pas à : {kind}).",
    "document.wrong_status": "Action impossible : {name} est à l'état « {status} ».",
    "document.delete_numbered": (
        "{name} : une pièce émise ne se supprime jamais (établissez un avoir)."
    ),
    "document.has_children": "{name} a servi à établir {other} : supprimez d'abord celle-ci.",
    "document.duplicate_refused": (
        "{kind} : ce type de pièce ne se duplique pas ; établissez-le depuis sa pièce d'origine."
    ),
    "document.ouvrage_other_client": "L'ouvrage n° {id} n'appartient pas à ce client.",
    "document.journal_not_found": "Le journal n° {id} n'existe pas (ou plus).",
    "document.depot_not_found": "Le dépôt n° {id} n'existe pas (ou plus).",
    "document.client_changed": "Le client d'une pièce ne se change pas ; dupliquez-la pour un autre client.",
    "number.invalid": "{field} : « {value} » n'est pas un nombre.",
    "line.not_found": "La ligne n° {id} n'existe pas (ou plus) dans ce document.",
    "line.code_invalid": "Code : « {value} » ne doit pas contenir d'espace.",
    "line.text_required": "Une ligne de texte doit contenir un texte.",
    "line.label_required": "Indiquez la désignation de la ligne.",
    "line.number_required": "{field} : indiquez une valeur.",
    "line.negative": "{field} : {value} est négatif ; saisissez une valeur positive ou nulle.",
    "line.too_big": "{field} : {value} dépasse le maximum autorisé ({max}). Erreur de frappe ?",
    "line.too_many_places": "{field} : {value} a trop de décimales ({places} au maximum).",
    "line.vat_required": "Indiquez le taux de TVA de la ligne.",
    "line.vat_unknown": "TVA : {value} % n'est pas un taux en vigueur ({choices}).",
    "line.total_too_big": (
        "Le total de la ligne dépasse {max} € HT : vérifiez la quantité et le prix."
    ),
    "line.too_many": "Une pièce ne peut pas dépasser {max} lignes.",
    "line.none_selected": "Sélectionnez au moins une ligne.",
    "option.not_found": "L'option n° {id} n'existe pas (ou plus) dans ce document.",
    "option.quote_only": "Les options ne s'utilisent que dans les devis.",
    "option.title_too_long": "Titre de l'option : {length} caractères, {limit} au maximum.",
    "deposit.percent_invalid": "Le pourcentage d'acompte doit être supérieur à 0 et au plus 100.",
    "deposit.too_much": (
        "Les acomptes ({total}) dépasseraient le total TTC de la commande ({gross})."
    ),
    "order.already_invoiced": (
        "Cette commande a déjà sa facture ({name}) : ouvrez-la plutôt que d'en créer une "
        "deuxième."),
    "deposit.nothing": "La commande n'a aucun montant : pas d'acompte possible.",
    "credit.too_much": (
        "Les avoirs ({total}) dépasseraient le montant TTC de la facture {number} ({gross})."
    ),
    "credit.not_issued": "Un avoir ne s'établit que sur une facture émise.",
    "legal.company_name": _MISSING + "la raison sociale de l'entreprise.",
    "legal.company_address": _MISSING + "l'adresse complète de l'entreprise.",
    "legal.siret": _MISSING + "le numéro SIRET de l'entreprise.",
    "legal.legal_form": _MISSING + "la forme juridique (SARL, SAS, EI…).",
    "legal.capital": _MISSING + "le montant du capital social.",
    "legal.rcs_rm": _MISSING + "l'immatriculation au RCS ou au RM (avec la ville).",
    "legal.vat_number": (
        _MISSING + "le numéro de TVA intracommunautaire (ou choisissez « TVA non applicable, "
        "art. 293 B du CGI »)."
    ),
    "legal.insurance": (
        _MISSING + "l'assurance décennale (assureur, n° de contrat, couverture géographique)."
    ),
    "legal.housing_vat_text": (
        _MISSING + "la mention de l'attestation client pour la TVA à 10 % ou 5,5 %."
    ),
    "legal.vat_exempt_with_vat": (
        "L'entreprise est en franchise de TVA (art. 293 B du CGI) : toutes les lignes "
        "doivent être à 0 %."
    ),
    "legal.payment_terms": _MISSING + "les conditions de paiement.",
    "legal.late_penalty": _MISSING + "le taux des pénalités de retard.",
    "legal.client_name": "Le client de la pièce n'a pas de nom.",
    "legal.client_address": (
        "Adresse de facturation incomplète pour {name} (adresse, code postal et ville)."
    ),
    "legal.siret_invalid": "SIRET : « {value} » n'est pas valide (14 chiffres et clé de contrôle).",
    "legal.vat_number_invalid": "N° de TVA : « {value} » n'est pas un numéro français valide.",
    "legal.iban_invalid": "IBAN : « {value} » n'est pas valide (clé de contrôle).",
    "legal.bic_invalid": "BIC : « {value} » n'est pas valide (8 ou 11 caractères).",
    "legal.payment_days_invalid": "Le délai de paiement doit être compris entre 0 et {max} jours.",
    "legal.validity_days_invalid": (
        "La validité des devis doit être comprise entre 1 et {max} jours."
    ),
    "company.logo_invalid": "Le logo doit être une image PNG ou JPEG de moins de {max} Ko.",
    "company.logo_unreadable": "Impossible de lire l'image « {path} » : {detail}.",
    "pdf.unreadable": "Le PDF n'a pas pu être ouvert pour l'aperçu ({detail}).",
    "pdf.save_denied": (
        "Impossible d'enregistrer « {path} » : le dossier « {folder} » est en lecture seule, "
        "ou le fichier est ouvert dans un autre programme. Choisissez un autre dossier ou "
        "fermez le fichier."
    ),
    "pdf.save_no_folder": (
        "Impossible d'enregistrer « {path} » : le dossier « {folder} » n'existe pas (ou plus)."
    ),
    "pdf.save_is_folder": "Impossible d'enregistrer « {path} » : un dossier porte déjà ce nom.",
    "pdf.save_no_space": "Impossible d'enregistrer « {path} » : le disque est plein.",
    "pdf.save_failed": "Impossible d'enregistrer « {path} » : {detail}.",
    "print.failed": (
        "L'impression n'a pas pu démarrer : vérifiez que l'imprimante est allumée et "
        "disponible, puis réessayez."
    ),
}


# What moves a document to a status: the editor's buttons (followed by "…" where a dialog
# opens) and the error that sends the user to the button (document.status_needs_action).
MESSAGES.update({
    "document.action.envoye": "Marquer envoyé",
    "document.action.accepte": "Accepter le devis",
    "document.action.refuse": "Refuser",
    "document.action.expire": "Marquer expiré",
    "document.action.brouillon": "Repasser en brouillon",
    "document.action.confirmee": "Confirmer",
    "document.action.livree": "Marquer livrée",
    "document.action.annulee": "Annuler la commande",
    "document.action.facturee": "Facturer",  # reached by issuing its invoice, no button
    "document.action.emise": "Émettre",
    "document.action.payee_partiellement": "Payée en partie",
    "document.action.payee": "Marquer payée",
    "document.name": "{kind} {number}",
    "document.name_draft": "{kind} (brouillon)",
    "document.credit_subject": "Avoir sur la facture {number}",
    "document.deposit_line": "Acompte de {percent} % sur la commande {number}",
    "document.deposit_line_part": "{label} — part à {rate} % de TVA",
    "document.hit_gross": "{amount} TTC",
})

# The printed document (services/documents/printing.py).
MESSAGES.update({
    "print.title.devis": "DEVIS",
    "print.title.commande": "COMMANDE",
    "print.title.facture": "FACTURE",
    "print.title.acompte": "FACTURE D'ACOMPTE",
    "print.title.avoir": "AVOIR",
    # The document this one comes from, by the kind of this one.
    "print.source.commande": "Suivant devis {number} du {day}",
    "print.source.facture": "Commande {number} du {day}",
    "print.source.acompte": "Acompte sur la commande {number} du {day}",
    "print.source.avoir": "Avoir sur la facture {number} du {day}",
    "print.date": "Date",
    "print.valid_until": "Valable jusqu'au",
    "print.due": "Échéance",
    "print.phone": "Tél. {phone}",
    "print.capital": "{legal_form} au capital de {capital}\u00a0€",
    "print.siret": "SIRET {siret}",
    "print.vat_number": "TVA {number}",
    "print.site": "Adresse du chantier",
    "print.ouvrage": "Ouvrage",
    "print.quote_validity": "Devis valable jusqu'au {day}.",
    "print.due_mention": "Échéance : {day}.",
    "print.credit_note_mention": (
        "Avoir à déduire de votre prochain règlement, ou remboursé sur demande."
    ),
    "print.bank_transfer": "Règlement par virement : IBAN {iban}",
    "print.bank_transfer_bic": "Règlement par virement : IBAN {iban} — BIC {bic}",
    "print.insurer": "Assurance décennale : {insurer}",
    "print.insurance_policy": "contrat n° {policy}",
    "print.insurance_coverage": "couverture : {coverage}",
    "print.deposit": "Acompte {number} du {day}",
    "print.due_label": "Net à payer",
    "print.author": "Votre contact : {name}",
})


def status_id(status, kind=None) -> str:
    """The message id of a status as said of a document of `kind` (an avoir is "Émis"; a
    facture "Émise"); without a kind, the general word."""
    status = getattr(status, "value", status)
    if kind is not None:
        specific = f"document.status.{getattr(kind, 'value', kind)}.{status}"
        if specific in MESSAGES:
            return specific
    return f"document.status.{status}"
