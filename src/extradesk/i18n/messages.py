"""Message id -> French text. Domain errors and services carry ids; the words live here and in
the module of each capability (documents, agenda, catalogue_messages, messages_articles),
merged at the bottom into the one table text() and error_text() read."""

from __future__ import annotations

import re
from typing import Any

from extradesk.core.errors import ExtradeskError, Problem, ValidationError
from extradesk.i18n import format as fmt

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
    "validation.failed": "La saisie contient {count|erreur|erreurs}.",
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
    "client.hit_archived": "archivé",
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


# The lists of references, by the name services and the CLI give them.
LIST_TITLES = {
    "civility": "Civilités",
    "status": "Statuts de client",
    "origin": "Origines de contact",
    "ouvrage_type": "Types d'ouvrage",
    "supplier": "Fournisseurs",
    "journal": "Journaux de vente",
    "appointment_type": "Types de rendez-vous",
    "depot": "Dépôts",
}
MESSAGES.update({f"reference.list.{name}": title for name, title in LIST_TITLES.items()})

# The choices of the search.mode preference (services.preferences.SEARCH_MODE).
SEARCH_MODE_LABELS = {"contains": "contient", "starts_with": "commence par"}

# Services raise with ids and enum values ("payee", "civility"): such parameters are shown
# under their French labels (message id = prefix + value), in lower case where they sit
# inside a sentence, as they read on a button or a list where they name one.
_LABELLED_PARAMS = {
    "document.transition_refused": {"kind": "document.kind.", "current": "document.status.",
                                    "target": "document.status."},
}
_NAMED_PARAMS = {
    "document.status_needs_action": {"action": "document.action.",
                                     "target": "document.status."},
    "reference.not_found": {"list": "reference.list."},
}


def _labelled(message_id: str, values: dict[str, Any]) -> None:
    for table, lower in ((_LABELLED_PARAMS, True), (_NAMED_PARAMS, False)):
        for name, prefix in table.get(message_id, {}).items():
            label = MESSAGES.get(f"{prefix}{values.get(name)}")
            if label is not None:
                values[name] = label.lower() if lower else label


# `{count|ligne|lignes}` in a message: the number and the word in the right number.
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _plurals(template: str, values: dict[str, Any]) -> str:
    def one(match: re.Match) -> str:
        value = values.get(match[1])
        if not isinstance(value, int):
            return match[0]
        return fmt.count(value, match[2], match[3]).replace("{", "{{").replace("}", "}}")

    return _PLURAL.sub(one, template) if "|" in template else template


def _fill(message_id: str, params: dict[str, Any]) -> str:
    values = dict(params)
    template = _plurals(MESSAGES.get(message_id, message_id), values)
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


# --- the tables of each capability, merged: text() and error_text() read one table ---------
from extradesk.i18n import agenda as _agenda  # noqa: E402
from extradesk.i18n import audit as _audit  # noqa: E402
from extradesk.i18n import catalogue_messages as _catalogue  # noqa: E402
from extradesk.i18n import dashboard as _dashboard  # noqa: E402
from extradesk.i18n import documents as _documents  # noqa: E402
from extradesk.i18n import exports as _exports  # noqa: E402
from extradesk.i18n import facturx as _facturx  # noqa: E402
from extradesk.i18n import messages_articles as _articles  # noqa: E402
from extradesk.i18n import messages_db as _db  # noqa: E402
from extradesk.i18n import messages_mail as _mail  # noqa: E402
from extradesk.i18n import messages_safety as _safety  # noqa: E402
from extradesk.i18n import payments as _payments  # noqa: E402
from extradesk.i18n import preferences as _preferences  # noqa: E402
from extradesk.i18n import sms as _sms  # noqa: E402

for _module in (_documents, _agenda, _catalogue, _articles, _mail, _safety, _exports,
                _payments, _sms, _preferences, _audit, _facturx, _dashboard, _db):
    FIELD_LABELS.update(getattr(_module, "FIELD_LABELS", {}))
    _NAMED_PARAMS.update(getattr(_module, "NAMED_PARAMS", {}))
    MESSAGES.update(_module.MESSAGES)
