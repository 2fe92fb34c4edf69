"""French texts of mail and the outbox (issue 12): SMTP failures, accounts, templates and
their defaults, outbox states. Merged into i18n.messages."""

from __future__ import annotations

FIELD_LABELS = {
    "host": "Serveur SMTP",
    "port": "Port",
    "security": "Sécurité",
    "sender_address": "Adresse de l'expéditeur",
    "sender_name": "Nom de l'expéditeur",
    "to": "Destinataire",
    "body": "Message",
}

MESSAGES = {
    # What the server or the network said (sync.smtp).
    "smtp.auth_refused": "Identifiant ou mot de passe refusé par le serveur {host} "
                         "(identifiant « {login} »). Vérifiez le mot de passe ; chez Gmail ou "
                         "Outlook, il faut un mot de passe d'application.",
    "smtp.auth_not_offered": "Le serveur {host}:{port} ne propose pas d'authentification sur "
                             "cette connexion : essayez la sécurité STARTTLS ou SSL.",
    "smtp.unreachable": "Aucun serveur ne répond sur {host}:{port} (port fermé ou bloqué par "
                        "le pare-feu ou le fournisseur d'accès). Le message reste dans la "
                        "boîte d'envoi.",
    "smtp.host_unknown": "Serveur « {host} » introuvable : vérifiez son nom et la connexion "
                         "Internet. Le message reste dans la boîte d'envoi.",
    "smtp.network": "Erreur réseau avec {host}:{port} ({detail}). Le message reste dans la "
                    "boîte d'envoi.",
    "smtp.certificate_refused": "Le certificat du serveur {host} est refusé ({detail}) : "
                                "vérifiez le nom du serveur.",
    "smtp.tls_failed": "Connexion chiffrée impossible avec {host}:{port} ({detail}) : "
                       "vérifiez le port et la sécurité (SSL sur 465, STARTTLS sur 587).",
    "smtp.starttls_missing": "Le serveur {host}:{port} ne propose pas STARTTLS : choisissez "
                             "SSL (port 465) ou un autre port.",
    "smtp.security_unknown": "Sécurité « {value} » inconnue (starttls, ssl ou none).",
    "smtp.sender_refused": "Le serveur refuse l'adresse d'expéditeur {address} ({code} "
                           "{reply}) : elle doit être celle du compte de messagerie.",
    "smtp.recipient_refused": "Adresse refusée par le serveur : {address} ({code} {reply}). "
                              "Corrigez l'adresse ; le message n'a pas été envoyé.",
    "smtp.some_refused": "Envoyé, mais refusé pour : {addresses}.",
    "smtp.message_refused": "Le serveur refuse le message ({code} {reply}).",
    "smtp.refused": "Le serveur a refusé l'envoi ({code} {reply}).",
    "smtp.temporary": "Le serveur est momentanément indisponible ({code} {reply}) ; nouvel "
                      "essai automatique.",
    "smtp.timeout": "Le serveur {host}:{port} ne répond pas (plus de {seconds} s). Le message "
                    "reste dans la boîte d'envoi.",
    "smtp.disconnected": "Le serveur {host}:{port} a coupé la connexion pendant l'envoi ; "
                         "nouvel essai automatique.",
    "smtp.protocol": "Échange incompréhensible avec le serveur {host}:{port} ({detail}).",
    "smtp.too_big": "Message trop gros pour le serveur : {size} pour {limit} au plus. "
                    "Retirez des pièces jointes (les notices, par exemple).",
    "smtp.too_big_for_server": "Message trop gros pour le serveur ({reply}). Retirez des "
                               "pièces jointes.",
    "smtp.unencodable": "Le message ne peut pas être encodé pour l'envoi ({detail}) : une "
                        "adresse contient-elle un accent ?",
    # Accounts, templates, composing.
    "mail.no_account": "Aucun compte d'envoi configuré pour {name} ni pour l'entreprise : "
                       "renseignez-le dans Fichier > Compte d'envoi (SMTP)… (Configurateur "
                       "SMTP).",
    "mail.account_not_found": "Ce compte d'envoi n'existe plus.",
    "mail.password_missing": "Le mot de passe du compte d'envoi {address} n'est pas "
                             "enregistré sur ce poste : saisissez-le à nouveau.",
    "mail.account_gone": "Le compte d'envoi de ce message a été supprimé : choisissez-en un "
                         "autre puis réessayez.",
    "mail.address_invalid": "{field} : « {value} » n'est pas une adresse e-mail valide.",
    "mail.port_invalid": "Port : « {value} » doit être un nombre entre 1 et 65535.",
    "mail.no_recipient": "Indiquez au moins une adresse de destinataire.",
    "mail.user_no_email": "{name} n'a pas d'adresse e-mail : la copie et l'essai du compte "
                          "lui sont envoyés ; renseignez-la dans Utilisateurs.",
    "mail.template_unknown_field": "{field} : champ inconnu dans le modèle : {{{name}}}. "
                                   "Champs possibles : {choices}.",
    "mail.template_broken": "{field} : modèle illisible ({detail}) ; une accolade est-elle "
                            "seule ? Écrivez {{{{ pour une accolade.",
    "mail.template_kind_unknown": "Pas de modèle de message pour « {kind} ».",
    "mail.not_mailable": "{document} ne peut pas être envoyé par e-mail dans cet état "
                         "({status}).",
    "mail.notice_missing": "La notice « {name} » n'est plus dans le dossier des notices : "
                           "retirez-la ou joignez-la à nouveau à l'article.",
    "mail.consumer_domain": "Le destinataire {address} utilise une messagerie grand public : "
                            "envoyez par le serveur de votre propre messagerie pour ne pas "
                            "finir en indésirables.",
    "mail.spf_missing": "Le domaine {domain} ne publie pas d'enregistrement SPF : les "
                        "messageries des clients peuvent classer vos e-mails en indésirables.",
    "mail.spf_not_covering": "L'enregistrement SPF de {domain} n'autorise pas le serveur "
                             "{host} : demandez à votre hébergeur de l'ajouter, ou envoyez par "
                             "le serveur de {domain}.",
    "mail.from_other_domain": "L'adresse d'expéditeur {address} n'est pas du domaine du "
                              "serveur {host} : ses e-mails risquent d'être refusés ou "
                              "classés en indésirables.",
    "mail.spf_unknown": "Impossible de vérifier le SPF de {domain} (pas de réponse DNS).",
    "mail.test_sent": "Message d'essai envoyé à {address} par {host}.",
    "mail.copy_without_email": "La copie par e-mail est demandée mais {name} n'a pas "
                               "d'adresse e-mail.",
    # Outbox.
    "outbox.not_found": "Le message n° {id} n'est plus dans la boîte d'envoi.",
    "outbox.already_sent": "Le message n° {id} est déjà parti : il ne peut être ni annulé ni "
                           "renvoyé.",
    "outbox.state.pending": "en attente",
    "outbox.state.sent": "envoyé",
    "outbox.state.failed": "échec",
    "outbox.state.cancelled": "annulé",
}

# What a new mail of each kind says until the user edits the template in the settings.
TEMPLATE_FIELDS = ("civilite", "nom", "numero", "total_ttc", "valable_jusqu_au", "echeance",
                   "signature")
DEFAULT_TEMPLATES = {
    "devis": ("Devis {numero}",
              "Bonjour {civilite} {nom},\n\nVeuillez trouver ci-joint notre devis {numero} "
              "d'un montant de {total_ttc} TTC, valable jusqu'au {valable_jusqu_au}.\n\n"
              "Nous restons à votre disposition pour toute question.\n\n"
              "Cordialement,\n{signature}"),
    "commande": ("Confirmation de commande {numero}",
                 "Bonjour {civilite} {nom},\n\nVeuillez trouver ci-joint la confirmation de "
                 "votre commande {numero} d'un montant de {total_ttc} TTC.\n\n"
                 "Cordialement,\n{signature}"),
    "facture": ("Facture {numero}",
                "Bonjour {civilite} {nom},\n\nVeuillez trouver ci-joint notre facture "
                "{numero} d'un montant de {total_ttc} TTC, à régler avant le {echeance}.\n\n"
                "Nous vous remercions de votre confiance.\n\nCordialement,\n{signature}"),
    "acompte": ("Facture d'acompte {numero}",
                "Bonjour {civilite} {nom},\n\nVeuillez trouver ci-joint notre facture "
                "d'acompte {numero} d'un montant de {total_ttc} TTC, à régler avant le "
                "{echeance}.\n\nCordialement,\n{signature}"),
    "avoir": ("Avoir {numero}",
              "Bonjour {civilite} {nom},\n\nVeuillez trouver ci-joint notre avoir {numero} "
              "d'un montant de {total_ttc} TTC.\n\nCordialement,\n{signature}"),
    "alerte": ("Message de {signature}",
               "Bonjour {civilite} {nom},\n\n\n\nCordialement,\n{signature}"),
    "test": ("Message d'essai extradesk",
             "Ce message d'essai confirme que le compte d'envoi fonctionne : vos devis et "
             "factures partiront de cette adresse.\n\n{signature}"),
}
