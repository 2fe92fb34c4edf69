"""Habits 3–5: near-duplicate suppliers, civilities, statuses and contact origins, each
group with a merge proposal that the existing generic merge carries out."""

from __future__ import annotations

from sqlalchemy import select

from extradesk.core import near_duplicates
from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError
from extradesk.models import tables
from extradesk.services import references
from extradesk.services.audit.dto import Finding, Item, MergeProposal
from extradesk.services.context import Context

# finding id, habit, reference list, how its labels compare (core.near_duplicates.key)
CHECKS = (
    ("duplicate_suppliers", 3, "supplier", "company"),
    ("duplicate_civilities", 4, "civility", "civility"),
    ("duplicate_statuses", 5, "status", "plain"),
    ("duplicate_origins", 5, "origin", "plain"),
)


def _labels(conn, list_name: str) -> list[tuple[int, str]]:
    view = tables.reference_list(references.LISTS[list_name][1])
    return list(conn.execute(select(view.c.id, view.c.label).order_by(view.c.position,
                                                                      view.c.id)).all())


def proposals(ctx: Context, conn, list_name: str, kind: str) -> list[MergeProposal]:
    """One proposal per group of near-identical labels. The labels alone decide whether
    there is a group (a few dozen rows); only then are the usages counted, which walks
    every table pointing at the list."""
    found = near_duplicates.groups(_labels(conn, list_name), kind)
    if not found:
        return []
    items = {i.id: i for i in references.list_items(ctx, list_name, with_usage=True)}
    result = []
    for ids in found:
        # Keep the most used (fewest records move), an active one, the first in the list.
        ranked = sorted((items[i] for i in ids if i in items),
                        key=lambda i: (-i.usage, not i.active, i.position, i.id))
        if len(ranked) < 2:
            continue
        keep, *rest = ranked
        result.append(MergeProposal(list_name, Item(keep.id, keep.label, keep.usage),
                                    tuple(Item(r.id, r.label, r.usage) for r in rest)))
    return result


def findings(ctx: Context, conn) -> list[Finding]:
    result = []
    for finding_id, habit, list_name, kind in CHECKS:
        merges = proposals(ctx, conn, list_name, kind)
        if merges:
            count = sum(len(m.duplicates) for m in merges)
            result.append(Finding(finding_id, habit, count, f"references:{list_name}",
                                  merges=tuple(merges)))
    return result


def merge(ctx: Context, proposal: MergeProposal) -> Changes:
    """Carry out a proposal: every record of the duplicates moves to the kept item, the
    duplicates go (services.references.merge_items, one transaction). Refused when the
    list changed since the proposal was made (an item gone or renamed)."""
    current = {i.id: i.label for i in references.list_items(ctx, proposal.list_name)}
    for item in (proposal.keep, *proposal.duplicates):
        if current.get(item.id) != item.label:
            raise ConflictError("audit.merge_stale", label=item.label)
    return references.merge_items(ctx, proposal.list_name, keep_id=proposal.keep.id,
                                  duplicate_ids=[d.id for d in proposal.duplicates])
