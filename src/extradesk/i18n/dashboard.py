"""French texts of the home page, the dashboard and its mail (issue 16). Merged into
i18n.messages."""

from __future__ import annotations

TILE_TITLES = {
    "revenue": "Chiffre d'affaires HT",
    "quotes": "Devis de l'année",
    "followups": "Devis à relancer",
    "overdue": "Factures en retard",
    "cash": "Encaissé ce mois-ci",
    "appointments": "Rendez-vous",
    "outbox": "Boîte d'envoi",
    "audit": "Bons réflexes",
}

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")

CHART_MONTHLY = "CA HT des 13 derniers mois"
CHART_ORIGINS = "CA HT de l'année par origine de contact"
NO_ORIGIN = "Sans origine"
OTHER_ORIGINS = "Autres origines"
THIS_YEAR, LAST_YEAR = "Cette année", "Année précédente"
EVERYONE = "toute l'entreprise"

MESSAGES = {
    "dashboard.month": "{month} : {amount}",
    "dashboard.year": "Depuis le 1er janvier : {amount}",
    "dashboard.versus": "{amount} l'an dernier à la même date",
    "dashboard.change_up": "+{percent} %",
    "dashboard.change_down": "−{percent} %",
    "dashboard.quotes": "{sent|envoyé|envoyés} · {accepted|accepté|acceptés} · "
                        "{refused|refusé|refusés}",
    "dashboard.conversion": "Taux de transformation : {percent} %",
    "dashboard.conversion_none": "Taux de transformation : —",
    "dashboard.followups": "{count|devis envoyé sans réponse|devis envoyés sans réponse}",
    "dashboard.followups_none": "Aucun devis à relancer",
    "dashboard.overdue": "{count|facture|factures} · {amount} à encaisser",
    "dashboard.overdue_none": "Aucune facture en retard",
    "dashboard.cash": "{count|règlement reçu|règlements reçus}",
    "dashboard.appointments_today": "Aujourd'hui : {count|rendez-vous|rendez-vous}",
    "dashboard.appointments_tomorrow": "Demain : {count|rendez-vous|rendez-vous}",
    "dashboard.outbox": "{failed|envoi en échec|envois en échec} · "
                        "{held|envoi en attente de nouvel essai|envois en attente de nouvel essai}",
    "dashboard.outbox_none": "Tout est parti",
    "dashboard.audit": "{count|point à revoir|points à revoir} : ouvrir le contrôle",
    "dashboard.audit_none": "Toutes les bonnes habitudes sont prises",
    "dashboard.tile_unknown": "Tuile inconnue « {value} » (choix : {choices})",
    "dashboard.time_invalid": "Heure d'envoi du tableau de bord illisible : « {value} » "
                              "(attendu HH:MM)",
    "dashboard.no_email": "{name} n'a pas d'adresse e-mail : renseignez-la dans "
                          "Fichier › Utilisateurs pour recevoir le tableau de bord.",
    "dashboard.no_account": "Aucun compte d'envoi d'e-mails pour {name} ni pour "
                            "l'entreprise : réglez-le dans Fichier › Compte e-mail.",
    "dashboard.mail_subject": "Tableau de bord du {day} – {company}",
    "dashboard.mail_subject_plain": "Tableau de bord du {day}",
    "dashboard.mail_title": "Tableau de bord de {name}",
    "dashboard.mail_intro": "Vos chiffres au {day}.",
    "dashboard.mail_footer": "Envoyé par extradesk ({frequency}). La fréquence se règle "
                             "dans les préférences, section Tableau de bord.",
    "dashboard.frequency.daily": "chaque jour",
    "dashboard.frequency.weekly": "chaque lundi",
    "dashboard.frequency.monthly": "le 1er de chaque mois",
    "dashboard.frequency.none": "à la demande",
    "dashboard.queued": "Tableau de bord mis dans la boîte d'envoi pour {to} (n° {id}).",
    "dashboard.queued_due": "Tableau de bord mis dans la boîte d'envoi (n° {id}).",
    "dashboard.mail_needs_user": "--mail demande --user NOM : à qui envoyer le tableau de "
                                 "bord ?",
    "preference.label.dashboard.mail_last_period": "Dernier tableau de bord envoyé (période)",
    "dashboard.nothing_due": "Aucun tableau de bord à envoyer maintenant.",
}


def compact_money(value) -> str:
    """An axis label: 1 250 000 -> '1,25 M€', 83 000 -> '83 k€', 950 -> '950 €'."""
    from decimal import Decimal

    from extradesk.i18n import format as fmt

    value = Decimal(value)
    for size, unit in ((Decimal(1_000_000), "M€"), (Decimal(1000), "k€")):
        if abs(value) >= size:
            scaled = value / size
            places = 0 if scaled == scaled.to_integral_value() or abs(scaled) >= 100 else (
                1 if (scaled * 10) == (scaled * 10).to_integral_value() else 2)
            return f"{fmt.decimal(scaled.quantize(Decimal(1).scaleb(-places)), places)}\u00a0{unit}"
    return f"{fmt.decimal(value, 0)}\u00a0€"


def month_label(month) -> str:
    """date(2026, 3, 1) -> 'mars 26' (a bar of the 13 months)."""
    return f"{MONTHS[month.month - 1]} {month:%y}"
