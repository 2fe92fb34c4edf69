"""Tabs whose feature arrives with a later version: a tidy page that says so."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from extradesk.ui.widgets.empty_state import EmptyState

COMING = {
    "articles": (
        "La base d'articles arrive dans une prochaine version.",
        "Vos articles, familles et catalogues fournisseurs seront gérés ici.",
    ),
    "agenda": (
        "L'agenda arrive dans une prochaine version.",
        "Vos rendez-vous et chantiers planifiés s'afficheront ici et se synchroniseront "
        "avec votre téléphone.",
    ),
}


def coming_soon(feature: str, parent: QWidget | None = None) -> EmptyState:
    title, text = COMING[feature]
    page = EmptyState(title, text, parent)
    page.setObjectName(f"{feature}Page")
    return page
