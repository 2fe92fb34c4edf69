"""French texts of payments (issue 13): payment modes and states, refusals, closings,
deposit slips, reminder letters and their editable defaults. Merged into i18n.messages."""

from __future__ import annotations

FIELD_LABELS = {
    "amount": "Montant",
    "mode": "Mode de règlement",
    "day": "Date du règlement",
    "journal_id": "Journal",
    "allocation": "Imputation",
    "invoice": "Facture",
    "cheques": "Chèques",
}

MODE_LABELS = {
    "cheque": "Chèque",
    "virement": "Virement",
    "carte": "Carte bancaire",
    "especes": "Espèces",
    "prelevement": "Prélèvement",
    "autre": "Autre",
}
STATE_LABELS = {
    "a_regler": "À régler",
    "partiellement_reglee": "Partiellement réglée",
    "reglee": "Réglée",
    "en_retard": "En retard",
}
PERIOD_LABELS = {"jour": "Journée", "mois": "Mois", "annee": "Année"}
LEVEL_TITLES = {1: "Relance", 2: "Deuxième relance", 3: "Mise en demeure de payer"}
CHANNEL_LABELS = {"mail": "envoyée par e-mail", "print": "à imprimer (pas d'e-mail)"}

MESSAGES = {
    **{f"payment.mode.{k}": v for k, v in MODE_LABELS.items()},
    **{f"payment.state.{k}": v for k, v in STATE_LABELS.items()},
    **{f"closing.period.{k}": v for k, v in PERIOD_LABELS.items()},
    "payment.amount_unreadable": "{field} : « {value} » n'est pas un montant (ex. 1 234,56).",
    "payment.amount_required": "{field} : indiquez un montant.",
    "payment.amount_decimals": "{field} : « {value} » a plus de deux décimales ; un montant "
                               "se donne au centime près.",
    "payment.amount_zero": "{field} : le montant ne peut pas être nul.",
    "payment.amount_sign": "{field} : « {value} » doit être un montant positif (un "
                           "remboursement se saisit comme tel).",
    "payment.amount_too_big": "{field} : montant trop élevé.",
    "payment.mode_unknown": "Mode de règlement « {value} » inconnu (choix : {choices}).",
    "payment.date_required": "Indiquez la date du règlement.",
    "payment.date_future": "Le règlement ne peut pas être daté du {date}, après aujourd'hui.",
    "payment.period_closed": "La période du {date} est clôturée : aucun règlement ne peut "
                             "plus y être daté.",
    "payment.journal_not_treasury": "Ce journal n'est pas un journal de caisse ou de banque.",
    "payment.journal_unknown": "Aucun journal n'a le code « {code} ».",
    "payment.not_payable": "{number} n'est ni une facture ni une facture d'acompte : "
                           "elle ne se règle pas.",
    "payment.on_draft": "Une facture en brouillon ne se règle pas : émettez-la d'abord.",
    "payment.other_client": "La facture {number} est celle d'un autre client : un règlement "
                            "ne s'impute que sur les factures de son client.",
    "payment.before_invoice": "Le règlement du {date} est antérieur à la facture {number} "
                              "(émise le {issued}).",
    "payment.over_due": "{amount} sur la facture {number} dépasse ce qui reste à payer "
                        "({remaining}).",
    "payment.allocations_exceed": "Les imputations ({total}) dépassent le montant du "
                                  "règlement ({amount}).",
    "payment.credit_short": "L'avoir disponible du client ({credit}) ne couvre pas "
                            "{amount}.",
    "payment.credit_note_short": "Il ne reste que {left} sur cet avoir (demandé : {amount}).",
    "payment.not_a_credit_note": "Seul un avoir émis peut être imputé sur une facture.",
    "payment.refund_over_credit": "Remboursement de {amount} refusé : le client n'a que "
                                  "{credit} en sa faveur.",
    "payment.not_found": "Le règlement n° {id} n'existe pas.",
    "payment.already_cancelled": "Le règlement n° {id} est déjà annulé (ou est lui-même une "
                                 "annulation).",
    "payment.deposited": "Le règlement n° {id} figure sur une remise en banque : il ne peut "
                         "plus être modifié ni annulé.",
    "payment.cancel_credit_refunded": "Le règlement n° {id} a déjà été remboursé au client : "
                                      "l'annuler rendrait son solde négatif.",
    "payment.frozen": "Un règlement saisi ne se modifie pas : annulez-le puis saisissez-en "
                      "un nouveau.",
    "payment.number_unknown": "Aucune facture émise ne porte le numéro « {number} ».",
    "deposit.none": "Choisissez au moins un chèque à remettre.",
    "deposit.not_a_cheque": "Le règlement n° {id} n'est pas un chèque reçu (ou il est "
                            "annulé).",
    "deposit.already": "Le chèque n° {id} a déjà été remis en banque.",
    "deposit.before_cheque": "Le chèque n° {id} a été reçu le {date}, après la date de "
                             "la remise.",
    "deposit.not_found": "La remise n° {id} n'existe pas.",
    "closing.not_over": "La période du {first} au {last} n'est pas terminée : elle ne peut "
                        "pas encore être clôturée.",
    "closing.already": "La période du {first} au {last} est déjà clôturée.",
    "chain.payments_ok": "Chaîne des règlements intacte ({count|maillon|maillons}).",
    "chain.payments_broken": "Chaîne des règlements rompue au maillon {seq} : {reason}.",
    "chain.payments_reason.chain.altered": "un règlement ou une clôture a été modifié ou "
                                           "supprimé",
    "chain.payments_reason.chain.order": "des maillons ont été retirés ou réordonnés",
    "reminder.template_unknown_field": "Champ inconnu dans le modèle : {{{name}}}. Champs "
                                       "possibles : {choices}.",
    "reminder.template_broken": "Le modèle est mal formé ({detail}).",
    "reminder.level_invalid": "Niveau de relance {level} inconnu (1, 2 ou 3).",
    "reminder.not_due": "Cette facture ne peut pas être relancée : rien n'y reste à payer.",
    "reminder.letter_not_found": "Le courrier de relance n° {id} n'existe pas.",
    "reminder.place_date": "{city}, le {date}",
    "reminder.date_only": "Le {date}",
}

REMINDER_FIELDS = ("civilite", "nom", "societe", "numero", "date_facture", "echeance",
                   "montant", "deja_regle", "reste", "jours_retard", "penalites",
                   "indemnite", "signature")

# (subject, letter body): paragraphs separated by a blank line; an empty one is dropped
# (the indemnity paragraph for a private client).
DEFAULT_REMINDERS = {
    1: ("Facture {numero} : rappel d'échéance",
        "{civilite} {nom},\n\n"
        "Sauf erreur de notre part, la facture {numero} du {date_facture}, échue le "
        "{echeance}, reste impayée à ce jour : il reste {reste} à régler.\n\n"
        "Il s'agit sans doute d'un oubli : nous vous remercions de bien vouloir procéder à "
        "son règlement dans les meilleurs délais. Si votre paiement a croisé ce courrier, "
        "merci de ne pas en tenir compte.\n\n"
        "{penalites}\n\n{indemnite}\n\n"
        "Nous vous prions d'agréer, {civilite} {nom}, nos salutations distinguées.\n\n"
        "{signature}"),
    2: ("Facture {numero} : deuxième relance",
        "{civilite} {nom},\n\n"
        "Malgré notre précédent rappel, la facture {numero} du {date_facture}, échue le "
        "{echeance} (il y a {jours_retard} jours), n'est toujours pas réglée : il reste "
        "{reste} à payer.\n\n"
        "Nous vous demandons de régler cette somme sous huit jours.\n\n"
        "{penalites}\n\n{indemnite}\n\n"
        "Nous vous prions d'agréer, {civilite} {nom}, nos salutations distinguées.\n\n"
        "{signature}"),
    3: ("Mise en demeure de payer : facture {numero}",
        "{civilite} {nom},\n\n"
        "Par la présente, nous vous mettons en demeure de nous régler sous quinze jours la "
        "somme de {reste} restant due sur la facture {numero} du {date_facture}, échue le "
        "{echeance}, malgré nos relances.\n\n"
        "{penalites}\n\n{indemnite}\n\n"
        "À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure "
        "de recouvrement judiciaire.\n\n"
        "Nous vous prions d'agréer, {civilite} {nom}, nos salutations distinguées.\n\n"
        "{signature}"),
}
PENALTY_TEXT = ("Des pénalités de retard sont exigibles depuis le {echeance} : {conditions}")
INDEMNITY_TEXT = ("En application des articles L441-10 et D441-5 du Code de commerce, une "
                  "indemnité forfaitaire pour frais de recouvrement de 40 € est due en sus "
                  "de ces pénalités.")
REMINDER_MAIL_BODY = ("Bonjour {civilite} {nom},\n\n"
                      "Veuillez trouver ci-joint notre courrier au sujet de la facture {numero} "
                      "(reste à payer : {reste}).\n\nCordialement,\n{signature}")

ARCHIVE_COLUMNS = ("Type", "N°", "Date", "N° client", "Client / période", "Montant", "Mode",
                   "Journal", "Référence / totaux", "Chèque (banque/n°/tireur)",
                   "Annule le n°", "Annulé le", "Remise n°", "Imputations (facture:centimes)",
                   "Saisi le", "Maillon précédent", "Empreinte (SHA-256)")
ARCHIVE_KINDS = {"payment": "règlement", "closing": "clôture"}
