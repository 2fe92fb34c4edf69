"""core.Changes carries the appointments touched; AgendaChanges is the same class now."""

from extradesk.core.changes import Changes
from extradesk.services.agenda.appointments import AgendaChanges


def test_appointments_merge_and_count_as_a_change():
    a = Changes(appointments=frozenset({1}), users=frozenset({7}))
    b = AgendaChanges(appointments=frozenset({2}), preferences=True)
    merged = a | b
    assert merged.appointments == {1, 2} and merged.users == {7} and merged.preferences
    assert not Changes(appointments=frozenset({3})).empty and Changes().empty
    assert isinstance(merged, AgendaChanges) and AgendaChanges is Changes
    assert (Changes(documents=frozenset({4})) | Changes(everything=True)).everything
