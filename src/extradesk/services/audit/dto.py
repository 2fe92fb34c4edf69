"""What the health check finds: plain frozen values, no French (i18n/audit.py words them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One thing a finding is about: an article, a user, a client, a list item, an export.
    `label` is data (a name, « CODE — libellé »), `count` what ranks it (times sold, times
    used), `detail` a code the UI words (« off » / « failing » for an agenda account)."""

    id: int
    label: str
    count: int = 0
    detail: str | None = None


@dataclass(frozen=True)
class MergeProposal:
    """Near-identical items of a reference list and the one to keep (the most used): the
    existing merge (services.references.merge_items) does the work once confirmed."""

    list_name: str  # civility | status | origin | supplier
    keep: Item
    duplicates: tuple[Item, ...]

    @property
    def moved(self) -> int:
        """How many records point at the duplicates (they will point at `keep`)."""
        return sum(d.count for d in self.duplicates)


@dataclass(frozen=True)
class Finding:
    """A habit not kept. `id` names the finding (i18n/audit.py has its title and why it
    matters), `habit` its number in « Avez-vous les bons réflexes ? » (None for the two
    extra checks, which do not count in the score), `place` where to fix it
    (« references:civility », « articles:to_classify », « agenda:account »…)."""

    id: str
    habit: int | None
    count: int
    place: str
    items: tuple[Item, ...] = ()
    merges: tuple[MergeProposal, ...] = ()
    detail: str | None = None


@dataclass(frozen=True)
class AuditReport:
    score: int  # out of 10: one point per habit with no finding
    findings: tuple[Finding, ...]

    def finding(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)
