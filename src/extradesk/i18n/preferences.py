"""The words of the preferences: sections, labels of the options and of their choices, errors."""

from __future__ import annotations

SECTIONS = {
    "appearance": "Apparence",
    "search": "Moteur de recherche",
    "agenda": "Agenda",
    "sms": "SMS",
    "documents": "Gestion commerciale",
    "clients": "Création d'un client",
    "dashboard": "Tableau de bord",
    "mail": "E-mail",
}

LABELS = {
    "appearance.theme": "Thème",
    "appearance.home_background": "Image de fond de l'accueil",
    "appearance.home_buttons": "Images des boutons de l'accueil",
    "search.mode": "Un mot tapé correspond à un nom qui…",
    "agenda.frozen_header": "Garder l'en-tête du planning visible en faisant défiler les heures",
    "agenda.vertical_names": "Écrire les noms des utilisateurs à la verticale",
    "agenda.color_by": "Couleur des rendez-vous",
    "sms.reminder_delay": "Délai des rappels SMS",
    "sms.notify_moved": "Prévenir le client par SMS quand un rendez-vous est déplacé",
    "quotes.followup_days": "Relance des devis après (jours)",
    "sms.price_per_segment": "Prix d'un SMS (€)",
    "documents.filter_kind": "Pièces : type à l'ouverture",
    "documents.filter_period": "Pièces : période à l'ouverture",
    "documents.journal": "Journal de vente",
    "payments.journal": "Journal de caisse",
    "documents.depot": "Dépôt des nouvelles pièces",
    "documents.line_numbers": "Numéroter les lignes des pièces imprimées",
    "clients.promote_on_sale": "Un prospect devient « Client » quand il accepte un devis ou "
                               "reçoit une facture",
    "clients.default_civility": "Civilité proposée",
    "clients.default_status": "Statut proposé",
    "clients.default_origin": "Origine proposée",
    "clients.required_fields": "Champs obligatoires",
    "dashboard.tiles": "Tuiles, dans l'ordre",
    "dashboard.mail_frequency": "Envoi par e-mail",
    "dashboard.mail_time": "Heure d'envoi",
    "mail.read_receipt": "Demander un accusé de réception",
    "mail.copy_to_me": "Recevoir une copie par e-mail lors d'une alerte à un client",
    "onboarding.company_offered": "Étape « Votre entreprise » déjà proposée",
}

CHOICES = {
    "appearance.theme": {"system": "comme le système", "light": "clair", "dark": "sombre"},
    "appearance.home_buttons": {
        "clients": "Clients", "add_client": "Ajouter un client", "documents": "Pièces",
        "new_quote": "Nouveau devis", "articles": "Articles", "agenda": "Agenda",
        "exports": "Exports", "outbox": "Envoi"},
    "search.mode": {"contains": "contient", "starts_with": "commence par"},
    "agenda.color_by": {"user": "par utilisateur", "type": "par type de rendez-vous"},
    "sms.reminder_delay": {"none": "aucun rappel", "same_day": "le jour même à 8:00",
                           "1d": "1 jour avant", "2d": "2 jours avant", "1w": "1 semaine avant"},
    "documents.filter_kind": {"all": "tous les types", "devis": "devis", "commande": "commandes",
                              "facture": "factures", "acompte": "factures d'acompte",
                              "avoir": "avoirs"},
    "documents.filter_period": {"all": "tout", "month": "ce mois", "last_month": "mois dernier",
                                "year": "cette année", "12_months": "12 derniers mois"},
    "clients.required_fields": {
        "civility_id": "Civilité", "first_name": "Prénom", "status_id": "Statut",
        "origin_id": "Origine du contact", "phone": "Un téléphone", "email": "E-mail",
        "billing_line1": "Adresse", "billing_postal_code": "Code postal",
        "billing_city": "Ville"},
    "dashboard.tiles": {
        "revenue": "Chiffre d'affaires", "quotes": "Devis", "followups": "Devis à relancer",
        "overdue": "Factures en retard", "cash": "Encaissements", "appointments": "Rendez-vous",
        "outbox": "Boîte d'envoi", "audit": "Bons réflexes"},
    "dashboard.mail_frequency": {"none": "jamais", "daily": "chaque jour",
                                 "weekly": "chaque semaine (lundi)",
                                 "monthly": "chaque mois (le 1er)"},
}

YES, NO, NONE = "oui", "non", "aucun"
# What "no choice" means for a reference option (else NONE).
UNSET = {"documents.journal": "celui de l'entreprise",
         "payments.journal": "le premier journal de trésorerie"}
# Words a person types for yes and no on the command line (lower case, accents folded).
TRUE_WORDS = ("oui", "o", "vrai", "true", "yes", "y", "1", "on")
FALSE_WORDS = ("non", "n", "faux", "false", "no", "0", "off")
NONE_WORDS = ("", "aucun", "aucune", "none", "-")
# What `preferences set` expected when it could not read a value.
EXPECTED = {"bool": "oui ou non", "int": "un nombre entier",
            "images": "bouton=chemin, séparés par des virgules"}

FIELD_LABELS = {
    "civility_id": "Civilité",
    "status_id": "Statut",
    "origin_id": "Origine du contact",
    "phone": "Téléphone",
}

MESSAGES = {
    **{f"preference.label.{key}": text for key, text in LABELS.items()},
    **{f"preference.section.{key}": text for key, text in SECTIONS.items()},
    "preference.time_invalid": "« {value} » n'est pas une heure (HH:MM, par exemple 07:30).",
    "preference.not_image": "« {value} » n'est pas une image (PNG, JPEG, GIF, BMP ou WebP).",
    "preference.image_missing": "Le fichier « {value} » est introuvable ou illisible.",
    "preference.reference_unknown": "« {key} » : l'élément n° {value} n'existe pas dans la "
                                    "liste {list}.",
    "preference.reference_label": "« {key} » : « {value} » n'est pas dans la liste {list}.",
    "preference.unreadable": "« {key} » attend {expected} ; « {value} » ne convient pas.",
    "client.field_required": "{field} : ce champ est obligatoire pour un nouveau client "
                             "(Préférences > Création d'un client).",
}
# The option named by its label rather than its key.
NAMED_PARAMS = {
    "preference.invalid": {"key": "preference.label."},
    "preference.unreadable": {"key": "preference.label."},
    "preference.reference_unknown": {"key": "preference.label.", "list": "reference.list."},
    "preference.reference_label": {"key": "preference.label.", "list": "reference.list."},
}
