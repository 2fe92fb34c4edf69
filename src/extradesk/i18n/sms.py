"""French texts of SMS (issue 15): gateway failures, settings, consent and STOP, reminders,
quote follow-ups, campaigns, and the default SMS templates. Merged into i18n.messages."""

from __future__ import annotations

FIELD_LABELS = {
    "kind": "Fournisseur SMS",
    "sender": "Nom d'expéditeur",
    "gateway_url": "Adresse de la passerelle",
    "account": "Compte",
    "text": "Texte du SMS",
    "delay": "Délai du rappel",
    "source": "Origine du consentement",
    "window": "Plage d'envoi",
    "stop_number": "Numéro STOP",
    "price": "Prix d'un SMS",
    "followup_days": "Relance des devis",
}

PROVIDERS = {
    "ovh": "OVHcloud", "brevo": "Brevo", "smsmode": "smsmode", "twilio": "Twilio",
    "android": "SMS Gateway for Android",
}

# Parameters shown under their label (see i18n.messages._NAMED_PARAMS).
NAMED_PARAMS = {message_id: {"provider": "sms.provider."} for message_id in (
    "sms.rate_limited", "sms.server_error", "sms.not_json", "sms.no_credit", "sms.bad_key",
    "sms.sender_refused", "sms.recipient_refused", "sms.refused", "sms.secrets_missing",
    "sms.test_sent", "sms.secrets_count")}

DEFAULT_TEMPLATES = {
    "rappel": "Bonjour {civilite} {nom}, nous vous confirmons notre rendez-vous du {date} à "
              "{heure} ({adresse}). {entreprise} {telephone_entreprise}",
    "deplace": "Bonjour {civilite} {nom}, notre rendez-vous est déplacé au {date} à {heure} "
               "({adresse}). {entreprise} {telephone_entreprise}",
    "relance": "Bonjour {civilite} {nom}, avez-vous pu étudier notre devis {numero} du "
               "{date_devis} ? Nous restons à votre disposition. {entreprise} "
               "{telephone_entreprise}",
}
TEMPLATE_FIELDS = {
    "rappel": ("civilite", "nom", "date", "heure", "adresse", "entreprise",
               "telephone_entreprise"),
    "relance": ("civilite", "nom", "numero", "date_devis", "montant", "entreprise",
                "telephone_entreprise"),
}
TEMPLATE_FIELDS["deplace"] = TEMPLATE_FIELDS["rappel"]
FOLLOWUP_MAIL_SUBJECT = "Votre devis {numero}"
TEST_TEXT = "Message d'essai d'extradesk : la passerelle SMS {provider} fonctionne."
STOP_MENTION = "STOP au {numero_stop}"
# Answers that opt a number out of commercial SMS (compared lower-case, spaces squeezed).
STOP_WORDS = ("stop", "stop sms", "arret", "arrêt", "desabonner", "désabonner")

DELAYS = {"none": "aucun", "same_day": "le jour même à 8:00", "1d": "1 jour avant",
          "2d": "2 jours avant", "1w": "1 semaine avant"}

MESSAGES = {
    **{f"sms.provider.{k}": v for k, v in PROVIDERS.items()},
    **{f"sms.delay.{k}": v for k, v in DELAYS.items()},
    # What the gateway or the network said (sync.sms_gateways).
    "sms.bad_key": "{provider} refuse les clés d'accès (code {code}) : vérifiez-les dans "
                   "Fichier › Passerelle SMS…. Détail : {detail}",
    "sms.no_credit": "Plus de crédit SMS chez {provider} : rechargez le compte. Le message "
                     "reste dans la boîte d'envoi. Détail : {detail}",
    "sms.sender_refused": "{provider} n'autorise pas le nom d'expéditeur « {sender} » : "
                          "faites-le valider chez le fournisseur ou laissez-le vide. "
                          "Détail : {detail}",
    "sms.recipient_refused": "{provider} refuse le numéro du destinataire (numéro invalide ou "
                             "non joignable) : {detail}",
    "sms.refused": "{provider} a refusé le message (code {code}) : {detail}",
    "sms.rate_limited": "{provider} demande de ralentir (trop de messages d'un coup) : nouvel "
                        "essai dans {retry_after} s.",
    "sms.server_error": "Le service {provider} est en panne (erreur {code}). Le message reste "
                        "dans la boîte d'envoi et repartira tout seul.",
    "sms.not_json": "{provider} a répondu par une page web au lieu d'une réponse d'API (code "
                    "{code}) : adresse erronée ou portail d'accès Wi-Fi ? Le message reste "
                    "dans la boîte d'envoi.",
    "sms.unreachable": "Le service SMS ({host}) ne répond pas : connexion Internet coupée ou "
                       "bloquée ? Le message reste dans la boîte d'envoi.",
    "sms.timeout": "Le service SMS ({host}) n'a pas répondu en {seconds} s. Le message reste "
                   "dans la boîte d'envoi.",
    "sms.phone_unreachable": "Le téléphone passerelle ({host}) est injoignable : est-il allumé, "
                             "sur le même Wi-Fi, l'application SMS Gateway ouverte ? Le message "
                             "reste dans la boîte d'envoi.",
    "sms.phone_timeout": "Le téléphone passerelle ({host}) n'a pas répondu en {seconds} s. Le "
                         "message reste dans la boîte d'envoi.",
    "sms.network": "Erreur réseau avec le service SMS ({host}) : {detail}",
    "sms.secrets_missing": "Les clés de {provider} manquent dans le trousseau : enregistrez à "
                           "nouveau la passerelle SMS.",
    "sms.no_gateway": "Aucune passerelle SMS n'est configurée (Fichier › Passerelle SMS…).",
    "sms.opted_out": "Ce numéro a demandé à ne plus recevoir de SMS commerciaux (STOP) : "
                     "message annulé.",
    # Settings, test, one-off messages.
    "sms.kind_unknown": "{field} : « {value} » n'est pas un fournisseur connu ({choices}).",
    "sms.account_required": "{field} : indiquez le nom du service SMS (par exemple "
                            "sms-ab12345-1).",
    "sms.url_invalid": "{field} : « {value} » n'est pas une adresse http:// ou https://.",
    "sms.sender_invalid": "{field} : 3 à 11 lettres ou chiffres, sans accent ni espace.",
    "sms.secrets_count": "{provider} attend {expected|clé|clés} ({names}) ; reçu : {given}.",
    "sms.test_no_mobile": "Indiquez votre numéro de portable (fiche utilisateur) pour "
                          "recevoir le SMS d'essai.",
    "sms.test_sent": "SMS d'essai remis à {provider} pour le {number} (référence {reference}).",
    "sms.window_invalid": "{field} : des jours (0 = lundi … 6 = dimanche) et une heure de "
                          "début avant l'heure de fin.",
    "sms.text_required": "Le texte du SMS est vide.",
    "sms.number_invalid": "« {value} » n'est pas un numéro de portable reconnu.",
    # Consent and STOP.
    "sms.consent_source_required": "Indiquez l'origine du consentement (formulaire, site "
                                   "web, devis signé…).",
    # Templates.
    "sms.template_unknown_field": "{field} : le champ {name} n'existe pas ; champs possibles : "
                                  "{choices}.",
    "sms.template_broken": "{field} : accolade mal placée ({detail}).",
    "sms.template_unknown": "Modèle de SMS inconnu : « {kind} ».",
    "sms.delay_unknown": "{field} : « {value} » n'est pas un délai possible.",
    "sms.price_invalid": "{field} : « {value} » n'est pas un prix en euros (entre 0 et 10, "
                         "par exemple 0,045).",
    "sms.followup_days_invalid": "{field} : de 1 à 90 jours.",
    # Reminders.
    "sms.appointment_not_found": "Le rendez-vous n° {id} n'existe pas (ou plus).",
    # Follow-ups.
    "sms.followup_not_quote": "Seul un devis envoyé se relance.",
    "sms.followup_too_soon": "Ce devis a déjà été relancé le {date} : prochaine relance "
                             "possible après {days|jour|jours}.",
    "sms.followup_no_mobile": "Le client n'a pas de numéro de portable.",
    "sms.followup_no_email": "Le client n'a pas d'adresse e-mail.",
    "sms.followup_no_mail_account": "Aucun compte e-mail d'envoi n'est configuré.",
    # Campaigns.
    "sms.campaign_empty": "Aucun destinataire ne correspond à ce ciblage.",
    "sms.campaign_stop_number": "Indiquez le numéro STOP (Fichier › Passerelle SMS…) : votre "
                                "fournisseur n'ajoute pas la mention « STOP au … » lui-même.",
    "sms.campaign_not_found": "La campagne n° {id} n'existe pas.",
    "sms.excluded.no_mobile": "pas de portable",
    "sms.excluded.no_consent": "pas de consentement",
    "sms.excluded.opted_out": "désinscrit (STOP)",
}
