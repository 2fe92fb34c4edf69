"""French texts of the shared database (issue 17): `db init`, `db copy`, the server dialog and
the connection messages. Merged into i18n.messages."""

from __future__ import annotations

MESSAGES = {
    "dbcopy.source_missing": "Le fichier SQLite à copier est introuvable : {path}.",
    "dbcopy.source_not_sqlite": "La source de la copie doit être un fichier SQLite : « {value} ».",
    "dbcopy.source_version": (
        "La base à copier est au schéma {found} ; cette version attend le schéma {known}. "
        "Ouvrez-la une fois avec cette version d'extradesk (elle sera mise à jour), puis "
        "recommencez la copie."),
    "dbcopy.target_not_server": (
        "La destination doit être une base PostgreSQL (postgresql://…), pas « {value} »."),
    "dbcopy.target_not_empty": (
        "La base de destination n'est pas vide ({tables}) : la copie est refusée pour ne rien "
        "écraser. Créez une base neuve sur le serveur."),
    "dbcopy.count_mismatch": (
        "Copie annulée : la table {table} compte {target} lignes sur le serveur au lieu de "
        "{source}. Rien n'a été enregistré."),
    "dbcopy.done": "Copie terminée vers {target} : {count|ligne copiée|lignes copiées}.",
    "dbcopy.table": "  {table} : {count|ligne|lignes}",
    "dbinit.created": "Base créée au schéma {revision} : {target}",
    "dbinit.current": "La base est déjà au schéma {revision} : {target}",
    "dbinit.upgraded": "Base mise à jour du schéma {before} au schéma {revision} : {target}",
    "dbserver.required": "Ce champ est obligatoire.",
    "dbserver.port_invalid": "Le port « {value} » n'est pas valable (1 à 65535).",
    "dbserver.unreachable": "Le serveur ne répond pas ou refuse la connexion : {detail}",
    "dbserver.no_database": (
        "La base « {database} » n'existe pas sur ce serveur : cliquez sur « Créer la base »."),
    "dbserver.connected": "Connexion réussie : {version}.",
    "dbserver.created": "Base prête au schéma {revision}.",
    "dbserver.saved": (
        "Enregistré : extradesk ouvrira cette base partagée au prochain démarrage."),
    "draft.changed_elsewhere": (
        "Ce document a été modifié entre-temps par {who} ({when}) : vos changements ne sont "
        "pas enregistrés. Rechargez-le pour voir sa version actuelle."),
    "draft.someone_else": "un autre poste",
}
