"""What a mutation changed, so pages refresh only that (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Changes:
    clients: frozenset[int] = field(default_factory=frozenset)
    ouvrages: frozenset[int] = field(default_factory=frozenset)
    references: frozenset[str] = field(default_factory=frozenset)  # reference list names
    users: frozenset[int] = field(default_factory=frozenset)
    documents: frozenset[int] = field(default_factory=frozenset)
    articles: frozenset[int] = field(default_factory=frozenset)
    appointments: frozenset[int] = field(default_factory=frozenset)
    outbox: frozenset[int] = field(default_factory=frozenset)  # outbox item ids
    preferences: bool = False
    everything: bool = False  # demo load, restore, merge of big lists

    def __or__(self, other: Changes) -> Changes:
        # Field by field, so a field added later cannot be forgotten here; the result keeps
        # the left operand's class (AgendaChanges | Changes stays what the caller had).
        merged = {}
        for f in fields(Changes):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = (mine or theirs) if isinstance(mine, bool) else mine | theirs
        return type(self)(**merged)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(Changes))
