"""The health check « Avez-vous les bons réflexes ? »: the database against ten habits.

`run(ctx)` gives an AuditReport (score out of 10, findings); `merge(ctx, proposal)` carries
out a duplicate finding's merge proposal."""

from extradesk.services.audit.dto import AuditReport, Finding, Item, MergeProposal
from extradesk.services.audit.duplicates import merge
from extradesk.services.audit.report import run, score

__all__ = ["AuditReport", "Finding", "Item", "MergeProposal", "merge", "run", "score"]
