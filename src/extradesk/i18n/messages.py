"""Message id -> French text. Domain errors carry ids; this is the only place with the words."""

from __future__ import annotations

from typing import Any

from extradesk.core.errors import ExtradeskError, Problem, ValidationError

FIELD_LABELS = {
    "last_name": "Nom",
    "first_name": "Prénom",
    "company": "Société",
    "email": "E-mail",
    "email2": "E-mail secondaire",
    "phone_mobile": "Portable",
    "phone_home": "Téléphone fixe",
    "phone_work": "Téléphone professionnel",
    "billing_line1": "Adresse de facturation",
    "billing_line2": "Complément d'adresse",
    "billing_postal_code": "Code postal",
    "billing_city": "Ville",
    "site_line1": "Adresse du chantier",
    "site_line2": "Complément (chantier)",
    "site_postal_code": "Code postal (chantier)",
    "site_city": "Ville (chantier)",
    "notes": "Notes",
    "name": "Nom",
    "label": "Libellé",
    "initials": "Initiales",
    "mobile": "Portable",
    "color": "Couleur",
    "line1": "Adresse",
    "postal_code": "Code postal",
    "city": "Ville",
    "install_date": "Date d'installation",
    "query": "Recherche",
    "limit": "Nombre de résultats",
    "clients": "Nombre de clients",
}

MESSAGES: dict[str, str] = {
    "validation.failed": "La saisie contient {count} erreur(s).",
    "field.too_long": "{field} : {length} caractères, {limit} au maximum.",
    "email.invalid": "{field} : « {value} » n'est pas une adresse e-mail valide.",
    "phone.invalid": "{field} : « {value} » n'est pas un numéro de téléphone reconnu.",
    "postal_code.invalid": "{field} : « {value} » n'est pas un code postal français (5 chiffres).",
    "client.name_required": "Indiquez un nom ou une raison sociale.",
    "client.not_found": "Le client n° {id} n'existe pas (ou plus).",
    "ouvrage.name_required": "Donnez un nom à l'ouvrage.",
    "ouvrage.not_found": "L'ouvrage n° {id} n'existe pas (ou plus).",
    "user.name_required": "Indiquez le nom de l'utilisateur.",
    "user.not_found": "L'utilisateur n° {id} n'existe pas (ou plus).",
    "user.initials_taken": "Les initiales « {value} » sont déjà utilisées.",
    "color.invalid": "{field} : « {value} » n'est pas une couleur (#RRGGBB).",
    "reference.label_required": "Indiquez un libellé.",
    "reference.label_taken": "« {value} » existe déjà dans la liste.",
    "reference.not_found": "L'élément n° {id} de la liste « {list} » n'existe pas.",
    "reference.unknown_list": "Liste inconnue : « {list} ». Listes possibles : {choices}.",
    "merge.into_itself": "Impossible de fusionner l'élément n° {id} avec lui-même.",
    "merge.nothing": "Indiquez au moins un doublon à fusionner.",
    "duplicate.phone": "même numéro de téléphone",
    "duplicate.email": "même adresse e-mail",
    "duplicate.name": "nom très proche, même code postal",
    "date.invalid": "{field} : « {value} » n'est pas une date (JJ/MM/AAAA).",
    "search.limit_invalid": "Le nombre de résultats doit être compris entre 1 et {max}.",
    "preference.unknown": "Préférence inconnue : « {key} ».",
    "preference.invalid": "Valeur refusée pour « {key} » : « {value} ».",
    "demo.count_invalid": "Le nombre de clients doit être compris entre 0 et {max}.",
    "db.newer_schema": (
        "Cette base de données a été créée par une version plus récente d'extradesk "
        "(schéma {found}, cette version connaît {known}). Mettez extradesk à jour ; "
        "la base n'a pas été modifiée."
    ),
    "db.not_extradesk": "Ce fichier n'est pas une base extradesk : {path}.",
    "db.unreachable": "Impossible d'ouvrir la base de données : {detail}",
    "db.locked": "La base de données est occupée par un autre poste ; réessayez dans un instant.",
    "db.url_invalid": "Adresse de base de données invalide : « {value} ».",
    "db.unsupported": (
        "Ce type de base de données ({name}) n'est pas pris en charge : utilisez SQLite ou "
        "PostgreSQL."
    ),
    "db.network_path": (
        "Attention : la base semble placée sur un partage réseau ou une clé USB ({path}). "
        "SQLite peut y perdre des données ; utilisez un disque local ou PostgreSQL."
    ),
    "backup.sqlite_only": "La sauvegarde intégrée ne concerne que SQLite ; pour PostgreSQL utilisez pg_dump.",
    "backup.failed": "La sauvegarde a échoué : {detail}",
    "storage.failed": "Erreur d'écriture dans la base : {detail}",
    "document.transition_refused": (
        "Impossible de passer ce document ({kind}) de l'état « {current} » à « {target} »."
    ),
    "document.date_before_last": (
        "La date du {date} est antérieure à celle de la dernière pièce émise ({last}) : "
        "la numérotation doit rester chronologique."
    ),
    "unexpected": "Une erreur inattendue s'est produite : {detail}",
}


# --- Commercial documents (issue 3) ---------------------------------------------------------
FIELD_LABELS.update({
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
})
_MISSING = "Mention obligatoire manquante : "
MESSAGES.update({
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
    "document.status.emise": "Émise",
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
})


# core raises with enum values ("payee"): it cannot reach this module. Such parameters are
# shown under their French labels, in lower case since they sit inside a sentence.
_LABELLED_PARAMS = {
    "document.transition_refused": {"kind": "document.kind.", "current": "document.status.",
                                    "target": "document.status."},
}


def _labelled(message_id: str, values: dict[str, Any]) -> None:
    for name, prefix in _LABELLED_PARAMS.get(message_id, {}).items():
        label = MESSAGES.get(f"{prefix}{values.get(name)}")
        if label is not None:
            values[name] = label.lower()


def _fill(message_id: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(message_id, message_id)
    values = dict(params)
    _labelled(message_id, values)
    if "field" in values and values["field"] in FIELD_LABELS:
        values["field"] = FIELD_LABELS[values["field"]]
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def problem_text(problem: Problem) -> str:
    params = dict(problem.params)
    params.setdefault("field", problem.field or "")
    return _fill(problem.message_id, params)


def error_text(error: ExtradeskError) -> str:
    """All the French a user should read about `error`, one line per problem."""
    if isinstance(error, ValidationError):
        return "\n".join(problem_text(p) for p in error.problems)
    return _fill(error.message_id, error.params)


def text(message_id: str, **params: Any) -> str:
    return _fill(message_id, params)


# --- agenda and CalDAV sync (issue 5) ------------------------------------------------------
FIELD_LABELS.update({
    "title": "Titre",
    "start": "Début",
    "end": "Fin",
    "user_ids": "Utilisateurs concernés",
    "status": "Statut",
    "reminder_minutes": "Rappel",
    "location": "Lieu",
    "ouvrage_id": "Ouvrage",
    "url": "Adresse du serveur",
    "login": "Identifiant",
    "password": "Mot de passe",
    "conflict_policy": "En cas de conflit",
})
MESSAGES.update({
    "field.required": "{field} : à renseigner.",
    "user.unknown_name": "Aucun utilisateur ne s'appelle « {name} » (nom ou initiales).",
    "date.unreadable": "« {value} » n'est pas une date (JJ/MM/AAAA).",
    "field.invalid": "{field} : valeur invalide.",
    "agenda.title_required": "Donnez un titre au rendez-vous.",
    "agenda.time_required": "Indiquez la date et l'heure de début et de fin.",
    "agenda.end_before_start": "La fin du rendez-vous est avant son début.",
    "agenda.too_long": "Un rendez-vous dure au plus {days} jours.",
    "agenda.users_required": "Choisissez au moins un utilisateur concerné.",
    "agenda.status_invalid": "Statut de rendez-vous inconnu : « {value} ».",
    "agenda.reminder_invalid": "Le rappel doit être compris entre 0 minute et 4 semaines.",
    "agenda.ouvrage_other_client": "Cet ouvrage appartient à un autre client.",
    "agenda.not_found": "Le rendez-vous n° {id} n'existe pas (ou plus).",
    "agenda.modify_refused": "Vous n'avez pas le droit de modifier l'agenda de {name}.",
    "agenda.rights_owner_only": "Seul le propriétaire d'un agenda choisit qui peut le voir "
                                "ou le modifier.",
    "agenda.account_missing": "Aucun compte d'agenda (CalDAV) n'est configuré pour {name}.",
    "agenda.period_invalid": "La période est invalide : la fin est avant le début.",
    "ical.unreadable": "Événement illisible ignoré : {detail}",
    "ical.no_uid": "{field} : événement sans identifiant (UID), ignoré.",
    "ical.no_start": "{field} : événement sans date de début, ignoré.",
    "ical.recurring": "{field} : événement récurrent, non pris en charge par extradesk ; "
                      "ignoré et laissé tel quel sur le serveur.",
    "ical.unknown_tz": "{field} : fuseau horaire inconnu « {tzid} », heure lue comme "
                       "celle de Paris.",
    "ical.truncated": "{field} : texte trop long ({what}), tronqué à {limit} caractères.",
    "ical.end_before_start": "{field} : la fin est avant le début ; durée ramenée à zéro.",
    "ics.unreadable": "Le fichier « {path} » n'est pas un fichier iCalendar (.ics) lisible.",
    "ics.read_failed": "Impossible de lire le fichier « {path} » : {detail}.",
    "ics.write_failed": "Impossible d'écrire le fichier « {path} » : {detail}.",
    "ics.too_big": "Le fichier « {path} » dépasse {max} Mo : ce n'est pas un agenda.",
    "ics.too_long": "{field} : dure plus de {days} jours, ignoré.",
    "ics.modify_refused": "{field} : ce rendez-vous est dans l'agenda de {name}, que vous "
                          "n'avez pas le droit de modifier ; ignoré.",
    "ics.see_refused": "Vous n'avez pas le droit de voir l'agenda de {name}.",
    "ics.report": "{created} créé(s), {updated} mis à jour, {unchanged} inchangé(s), "
                  "{skipped} ignoré(s).",
    "caldav.timeout": "Le serveur d'agenda ({url}) ne répond pas dans le délai de {seconds} s ; "
                      "rien n'est perdu, nouvel essai à la prochaine synchronisation.",
    "caldav.auth_refused": "Mot de passe refusé par le serveur ({url}).",
    "caldav.unreachable": "Serveur injoignable : {url}. Vérifiez l'adresse et la connexion "
                          "Internet ; la synchronisation reprendra plus tard.",
    "caldav.not_caldav": "L'adresse {url} ne répond pas comme un serveur d'agenda CalDAV.",
    "caldav.server_error": "Le serveur d'agenda a répondu une erreur ({status}) ; "
                           "nouvel essai à la prochaine synchronisation.",
    "caldav.no_calendar": "Aucun agenda trouvé sur le serveur pour ce compte.",
    "caldav.calendar_unknown": "L'agenda « {name} » n'existe pas sur le serveur. Agendas "
                               "disponibles : {choices}.",
    "caldav.empty_guard": "Le serveur renvoie un agenda vide alors que {count} rendez-vous "
                          "étaient synchronisés : synchronisation arrêtée, rien n'a été "
                          "supprimé. Utilisez « Synchroniser maintenant » pour tout renvoyer.",
    "caldav.local_empty_guard": "L'agenda local est vide alors que {count} rendez-vous étaient "
                                "synchronisés : synchronisation arrêtée, rien n'a été supprimé "
                                "sur le serveur.",
    "caldav.url_invalid": "« {url} » n'est pas une adresse de serveur valide (https://…).",
    "keyring.unavailable": "Aucun trousseau de mots de passe n'est disponible sur ce poste ; "
                           "le mot de passe ne peut pas être enregistré ({detail}).",
    "keyring.missing": "Le mot de passe du compte d'agenda de {name} n'est pas enregistré "
                       "sur ce poste : saisissez-le à nouveau.",
    "sync.conflict": "Conflit sur « {title} » : modifié des deux côtés, la version {winner} "
                     "a été gardée.",
    "sync.winner.local": "d'extradesk",
    "sync.winner.remote": "du téléphone",
    "sync.report": "{sent} envoyé(s), {received} reçu(s), {deleted} supprimé(s), "
                   "{conflicts} conflit(s), {errors} erreur(s).",
})


# --- supplier catalogues (issue 4) ---------------------------------------------------------
from extradesk.i18n import catalogue_messages as _catalogue  # noqa: E402

MESSAGES.update(_catalogue.MESSAGES)


# --- article base (issue 4) ----------------------------------------------------------------
from extradesk.i18n import messages_articles as _articles  # noqa: E402

FIELD_LABELS.update(_articles.FIELD_LABELS)
MESSAGES.update(_articles.MESSAGES)


# --- mail and the outbox (issue 12) --------------------------------------------------------
from extradesk.i18n import messages_mail as _mail  # noqa: E402

FIELD_LABELS.update(_mail.FIELD_LABELS)
MESSAGES.update(_mail.MESSAGES)
