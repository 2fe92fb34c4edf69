"""What a mutation changed, so pages refresh only that (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    clients: frozenset[int] = field(default_factory=frozenset)
    ouvrages: frozenset[int] = field(default_factory=frozenset)
    references: frozenset[str] = field(default_factory=frozenset)  # reference list names
    users: frozenset[int] = field(default_factory=frozenset)
    documents: frozenset[int] = field(default_factory=frozenset)
    articles: frozenset[int] = field(default_factory=frozenset)
    preferences: bool = False
    everything: bool = False  # demo load, restore, merge of big lists

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            clients=self.clients | other.clients,
            ouvrages=self.ouvrages | other.ouvrages,
            references=self.references | other.references,
            users=self.users | other.users,
            documents=self.documents | other.documents,
            articles=self.articles | other.articles,
            preferences=self.preferences or other.preferences,
            everything=self.everything or other.everything,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.clients or self.ouvrages or self.references or self.users
            or self.documents or self.articles or self.preferences or self.everything
        )
