"""French texts of the agenda and its CalDAV sync (issue 5): appointment statuses, errors,
import and sync reports. Merged into i18n.messages."""

from __future__ import annotations

# Appointment statuses (models: Appointment.status), in the order the form offers them.
STATUS_LABELS = {"planned": "Planifié", "confirmed": "Confirmé", "done": "Fait",
                 "cancelled": "Annulé"}

FIELD_LABELS = {
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
}
MESSAGES = {
    "agenda.contact_phones": "Tél. : {phones}",
    "agenda.calendar_name": "Agenda de {name}",
    "ical.event_name": "« {title} »",
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
    "ical.unreadable": "{field} : événement illisible (une date ou une propriété est mal "
                       "formée), ignoré.",
    "ical.calendar_unreadable": "{field} : contenu iCalendar illisible, ignoré.",
    "ical.out_of_range": "{field} : date hors de la plage acceptée ({first} à {last}), "
                         "ignoré.",
    "agenda.out_of_range": "Les dates d'un rendez-vous doivent être comprises entre "
                           "{first} et {last}.",
    "ics.no_event": "Aucun événement dans ce fichier.",
    "ics.decoded_cp1252": "Certaines lignes du fichier n'étaient pas en UTF-8 : lues en "
                          "Windows-1252 (ANSI) ; vérifiez les accents.",
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
    "ics.too_big": "Le fichier « {path} » dépasse {max} Mo : ce n'est pas un agenda.",
    "ics.too_long": "{field} : dure plus de {days} jours, ignoré.",
    "ics.modify_refused": "{field} : ce rendez-vous est dans l'agenda de {name}, que vous "
                          "n'avez pas le droit de modifier ; ignoré.",
    "ics.see_refused": "Vous n'avez pas le droit de voir l'agenda de {name}.",
    "ics.report": "{created|créé|créés}, {updated} mis à jour, {unchanged|inchangé|inchangés}, "
                  "{skipped|ignoré|ignorés}.",
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
    "keyring.insecure": "Le trousseau de mots de passe de ce poste ({backend}) garde les "
                        "mots de passe en clair ou n'est pas sûr : extradesk refuse d'y "
                        "enregistrer le mot de passe de l'agenda. Utilisez le trousseau du "
                        "système (GNOME Trousseau, KWallet, Windows ou macOS) et désinstallez "
                        "keyrings.alt.",
    "keyring.missing": "Le mot de passe du compte d'agenda de {name} n'est pas enregistré "
                       "sur ce poste : saisissez-le à nouveau.",
    "sync.conflict": "Conflit sur « {title} » : modifié des deux côtés, la version {winner} "
                     "a été gardée.",
    "sync.account_failed": "Synchronisation impossible pour cet agenda (erreur inattendue, "
                           "détails dans le journal) ; les autres agendas ont été "
                           "synchronisés.",
    "sync.winner.local": "d'extradesk",
    "sync.winner.remote": "du téléphone",
    "sync.report": "{sent|envoyé|envoyés}, {received|reçu|reçus}, "
                   "{deleted|supprimé|supprimés}, {conflicts|conflit|conflits}, "
                   "{errors|erreur|erreurs}.",
}
