"""French texts of backups, integrity checks, restore and repair (issue 11). Merged into
i18n.messages."""

from __future__ import annotations

MESSAGES = {
    "backup.pg_tool_missing": (
        "{tool} est introuvable : installez les outils clients de PostgreSQL (paquet "
        "postgresql-client, de la même version que le serveur ou plus récente), puis "
        "recommencez. Rien n'a été écrit."),
    "backup.pg_failed": "{tool} a échoué : {detail}. Rien n'a été écrit.",
    "restore.pg_no_file": "La sauvegarde « {path} » est introuvable.",
    "restore.pg_not_empty": (
        "La base « {database} » n'est pas vide ({count|table|tables}) : une sauvegarde ne se "
        "restaure que dans une base vide, pour ne jamais mélanger deux états des comptes. "
        "Créez une base neuve (createdb) et restaurez-y la sauvegarde."),
    "backup.copy_damaged": "La copie écrite ne passe pas le contrôle d'intégrité ({detail}) : "
                           "elle a été supprimée, aucune sauvegarde n'a été écrite.",
    "backup.source_damaged": "La base de données est endommagée ({detail}) : elle n'a pas été "
                             "sauvegardée, pour ne pas remplacer une bonne copie par une "
                             "mauvaise. Restaurez la dernière sauvegarde valide ou lancez "
                             "« extradesk repair ».",
    "backup.timeout": "La sauvegarde n'a pas pu se terminer en {seconds} secondes ; rien n'a "
                      "été écrit. Réessayez quand le poste est moins occupé.",
    "backup.cancelled": "Sauvegarde annulée ; rien n'a été écrit.",
    "restore.in_use": "La base « {path} » est ouverte par un autre programme (extradesk sur "
                      "ce poste ou un autre) : fermez-le, puis relancez la restauration.",
    "restore.missing": "La sauvegarde « {path} » est introuvable.",
    "restore.damaged": "La sauvegarde « {path} » est endommagée ({detail}) : elle n'a pas été "
                       "restaurée.",
    "restore.not_extradesk": "« {path} » n'est pas une sauvegarde d'extradesk.",
    "restore.failed": "La restauration a échoué : {detail}. La base en service n'a pas été "
                      "modifiée.",
    "repair.target_exists": "Le fichier « {path} » existe déjà ; rien n'a été écrit.",
    "repair.unreadable": "La base est trop endommagée pour être lue ({detail}) : restaurez "
                         "la dernière sauvegarde valide.",
    "file.write_failed": "Impossible d'écrire « {path} » : {detail}. Le fichier précédent, "
                         "s'il existait, est intact.",
    "csv.malformed": "Le fichier « {path} » n'est pas un fichier CSV lisible ({detail}).",
    "csv.field_too_large": "une cellule dépasse 128 Ko",
    "demo.not_empty": "La base contient déjà {count|client|clients} : les données de "
                       "démonstration se chargent dans une base vide (ou avec --force, en "
                       "sachant qu'elles se mêleront aux vraies fiches).",
    "date.out_of_range": "La date « {value} » est hors des limites ({first}–{last}).",
    "chain.ok": "Chaîne des pièces émises intègre : {checked|pièce vérifiée|pièces vérifiées}.",
    "chain.altered": "La pièce {number} a été modifiée après son émission (son contenu ou son "
                     "PDF ne correspond plus à son empreinte).",
    "chain.order": "La chaîne est rompue avant la pièce {number} : une pièce émise a été "
                   "supprimée, ajoutée ou déplacée.",
    "chain.missing": "La pièce émise {number} ne figure pas dans la chaîne des pièces émises.",
    "db.read_only_upgrade": "Cette base est au schéma {found} et doit être mise à jour "
                            "({known}) avant d'être lue ; ouvrez-la une fois dans extradesk "
                            "avec le droit d'écrire.",
    "db.damaged": "La base de données est endommagée ({detail}) : restaurez la dernière "
                  "sauvegarde (extradesk restore) ou récupérez ce qui est lisible "
                  "(extradesk repair).",
}


# How a backup file's reason (the end of its name) reads in the restore dialog.
BACKUP_REASONS = {
    "auto": "automatique",
    "sauvegarde": "faite à la demande",
    "avant-restauration": "base remplacée par une restauration",
    "endommagee": "base endommagée mise de côté",
}


def backup_reason(reason: str) -> str:
    if reason.startswith("avant-maj-"):
        return f"avant la mise à jour du schéma {reason.removeprefix('avant-maj-')}"
    return BACKUP_REASONS.get(reason, reason)
