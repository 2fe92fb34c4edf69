"""French texts of the health check « Avez-vous les bons réflexes ? » (issue 16). Merged into
i18n.messages; the page and `extradesk audit` word a Finding with these keys."""

from __future__ import annotations

TITLE = "Avez-vous les bons réflexes ?"

MESSAGES = {
    "audit.title": TITLE,
    "audit.score": "Score : {score}/10",
    "audit.all_good": "Bravo : toutes les bonnes habitudes sont prises.",
    "audit.habit": "Réflexe n° {habit}",
    "audit.extra": "Conseil",
    "audit.merge_stale": "La liste a changé depuis l'analyse (« {label} ») : relancez-la.",
    "audit.merge_line": "Garder « {keep} » et y rattacher {names} "
                        "({moved|fiche|fiches} à rattacher).",
    "audit.merge_done": "{count|doublon fusionné|doublons fusionnés} dans « {keep} ».",
    "audit.merge_confirm": "Fusionner {names} dans « {keep} » ?\n\n"
                           "{moved|fiche sera rattachée|fiches seront rattachées} à « {keep} », "
                           "puis {count|doublon sera supprimé|doublons seront supprimés}.",
    "audit.sold": "{count|vente|ventes}",
    "audit.days": "{count|jour|jours}",
    "audit.used": "{count|utilisation|utilisations}",

    # Each finding: its title (with the count), why it matters, the button that fixes it.
    "audit.clients_unqualified.title":
        "{count|client sans statut ou sans origine|clients sans statut ou sans origine}",
    "audit.clients_unqualified.why":
        "Un client créé à la volée depuis la recherche reste souvent sans statut ni origine "
        "de contact : il manque alors aux filtres, aux relances et au CA par origine.",
    "audit.clients_unqualified.fix": "Ouvrir les clients",
    "audit.documents_hint.title":
        "{count|utilisateur n'a|utilisateurs n'ont} jamais utilisé « **nom »",
    "audit.documents_hint.why":
        "Taper ** suivi du nom d'un client dans la recherche affiche toutes ses pièces "
        "(devis, commandes, factures) sans ouvrir sa fiche.",
    "audit.documents_hint.fix": "Essayer « ** » dans la recherche",
    "audit.duplicate_suppliers.title":
        "{count|fournisseur en double|fournisseurs en double}",
    "audit.duplicate_civilities.title":
        "{count|civilité en double|civilités en double}",
    "audit.duplicate_statuses.title": "{count|statut en double|statuts en double}",
    "audit.duplicate_origins.title":
        "{count|origine de contact en double|origines de contact en double}",
    "audit.duplicate.why":
        "Deux libellés pour la même chose (« M. » et « Monsieur », « Ets Dupont » et "
        "« DUPONT SA ») coupent les statistiques et les filtres en deux : fusionnez-les.",
    "audit.duplicate.fix": "Ouvrir la liste",
    "audit.merge": "Fusionner",
    "audit.articles_unclassified.title":
        "{count|article à classer|articles à classer} (compte d'attente 707900 ou sans "
        "famille)",
    "audit.articles_unclassified.why":
        "Un article créé à la volée part au compte d'attente 707900 : vos ventes sont mal "
        "ventilées en comptabilité et dans les exports tant qu'il n'est pas classé. "
        "Les plus vendus d'abord.",
    "audit.articles_unclassified.fix": "Classer les articles",
    "audit.agenda_sync.title":
        "{count|utilisateur dont l'agenda n'est pas synchronisé|utilisateurs dont l'agenda "
        "n'est pas synchronisé}",
    "audit.agenda_sync.why":
        "Synchronisé avec le téléphone, l'agenda suit chacun sur le chantier : un rendez-vous "
        "pris au bureau y apparaît aussitôt.",
    "audit.agenda_sync.fix": "Configurer la synchronisation",
    "audit.agenda_sync.off": "synchronisation arrêtée",
    "audit.agenda_sync.failing": "synchronisation en échec",
    "audit.articles_no_notice.title":
        "{count|article parmi les plus vendus n'a|articles parmi les plus vendus n'ont} "
        "pas de notice technique",
    "audit.articles_no_notice.why":
        "Jointe à l'article, la notice part avec le devis ou la facture par e-mail et se "
        "retrouve en un clic au téléphone avec le client.",
    "audit.articles_no_notice.fix": "Ouvrir l'article",
    "audit.exports_unused.title":
        "{count|export jamais ouvert|exports jamais ouverts}",
    "audit.exports_unused.why":
        "Le CA par journal, par origine de contact, les clients gagnés ou perdus et le reste "
        "à facturer sont prêts : ils disent ce qui rapporte, sans ressaisie dans un tableur.",
    "audit.exports_unused.fix": "Ouvrir les exports",
    "audit.sms_unused.title":
        "Aucun rappel SMS pour {count|rendez-vous client|rendez-vous clients}",
    "audit.sms_unused.why":
        "Un SMS la veille du rendez-vous évite le déplacement pour rien : le client "
        "prévient s'il ne peut pas être là.",
    "audit.sms_unused.no_gateway":
        "Aucune passerelle SMS n'est configurée (extradesk sms gateway).",
    "audit.sms_unused.no_reminder":
        "La passerelle SMS est prête, mais aucun rappel n'a encore été programmé.",
    "audit.sms_unused.fix": "Ouvrir les préférences",
    "audit.mail_copy_no_email.title":
        "{count|utilisateur reçoit|utilisateurs reçoivent} une copie de ses e-mails sans "
        "adresse e-mail",
    "audit.mail_copy_no_email.why":
        "« Copie par e-mail » est cochée, mais la copie ne peut partir nulle part : "
        "renseignez l'adresse de l'utilisateur.",
    "audit.mail_copy_no_email.fix": "Ouvrir les utilisateurs",
    "audit.quotes_unanswered.title":
        "{count|devis envoyé sans réponse|devis envoyés sans réponse} depuis plus d'un mois",
    "audit.quotes_unanswered.why":
        "Un devis relancé se signe bien plus souvent : un appel ou un SMS de relance "
        "rappelle au client qu'il attend sa réponse.",
    "audit.quotes_unanswered.fix": "Voir ces devis",
}

# The duplicate findings share their why and their button.
for _list in ("suppliers", "civilities", "statuses", "origins"):
    MESSAGES[f"audit.duplicate_{_list}.why"] = MESSAGES["audit.duplicate.why"]
    MESSAGES[f"audit.duplicate_{_list}.fix"] = MESSAGES["audit.duplicate.fix"]


# -- wording a Finding (duck-typed: i18n sits below services and imports none of them) ------

def _text(message_id: str, **params) -> str:
    from extradesk.i18n.messages import text

    return text(message_id, **params)


def title(finding) -> str:
    return _text(f"audit.{finding.id}.title", count=finding.count)


def why(finding) -> str:
    """Why the habit matters, and for the SMS check whether a gateway is set up."""
    reason = _text(f"audit.{finding.id}.why")
    if finding.detail:
        reason += " " + _text(f"audit.{finding.id}.{finding.detail}")
    return reason


def fix_label(finding) -> str:
    return _text(f"audit.{finding.id}.fix")


def habit_label(finding) -> str:
    return (_text("audit.habit", habit=finding.habit) if finding.habit is not None
            else _text("audit.extra"))


def item_text(finding, item) -> str:
    """One line under a finding: an article with its sales, a user and what is wrong…"""
    from extradesk.i18n.exports import TITLES

    if finding.id in ("articles_unclassified", "articles_no_notice"):
        return f"{item.label} ({_text('audit.sold', count=item.count)})"
    if finding.id == "agenda_sync":
        return f"{item.label} : {_text('audit.agenda_sync.' + (item.detail or 'off'))}"
    if finding.id == "exports_unused":
        return TITLES.get(item.label, item.label)
    if finding.id == "quotes_unanswered":
        return f"{item.label} ({_text('audit.days', count=item.count)})"
    return item.label


def _names(items) -> str:
    return ", ".join(f"« {i.label.strip() or i.label} »" for i in items)


def merge_text(proposal) -> str:
    return _text("audit.merge_line", keep=proposal.keep.label, names=_names(proposal.duplicates),
                 moved=proposal.moved)


def merge_question(proposal) -> str:
    return _text("audit.merge_confirm", keep=proposal.keep.label,
                 names=_names(proposal.duplicates), moved=proposal.moved,
                 count=len(proposal.duplicates))


def merge_done(proposal) -> str:
    return _text("audit.merge_done", keep=proposal.keep.label, count=len(proposal.duplicates))
