"""Every id, enum value and status that services hand over has its French label in i18n."""

from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n import messages
from extradesk.i18n.agenda import STATUS_LABELS as AGENDA_STATUS_LABELS
from extradesk.services import preferences, references
from extradesk.services.documents import printing
from extradesk.sync.ical import STATUSES as AGENDA_STATUSES


def test_every_document_kind_and_status_has_its_words():
    wanted = [f"document.kind.{k.value}" for k in DocumentKind]
    wanted += [f"print.title.{k.value}" for k in DocumentKind]
    wanted += [f"print.source.{k.value}" for k in printing.SOURCED]
    wanted += [f"document.status.{s.value}" for s in Status]
    wanted += [f"document.action.{s.value}" for s in Status]
    assert [w for w in wanted if w not in messages.MESSAGES] == []


def test_the_status_needs_action_error_names_the_button_and_the_status():
    assert messages.text("document.status_needs_action", action="emise", target="emise") == (
        "Utilisez « Émettre » pour passer à l'état « Émise ».")


def test_lists_search_modes_and_agenda_statuses_have_labels():
    assert set(references.LIST_TITLES) == set(references.LISTS)
    assert set(preferences.SEARCH_MODE_LABELS) == set(preferences.SEARCH_MODE.choices)
    assert tuple(AGENDA_STATUS_LABELS) == AGENDA_STATUSES
    assert messages.text("reference.not_found", id=3, list="journal") == (
        "L'élément n° 3 de la liste « Journaux de vente » n'existe pas.")
