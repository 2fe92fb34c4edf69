"""The health check run: every habit's finding, then the score out of ten."""

from __future__ import annotations

from extradesk.services.audit import checks, duplicates
from extradesk.services.audit.dto import AuditReport, Finding
from extradesk.services.context import Context

HABITS = 10


def score(findings: list[Finding] | tuple[Finding, ...]) -> int:
    """One point per habit kept: 10 minus the habits with a finding (3–5 are suppliers,
    civilities, statuses and origins; the extra checks carry no habit and cost nothing)."""
    return HABITS - len({f.habit for f in findings if f.habit is not None})


def run(ctx: Context) -> AuditReport:
    """Check the database against the ten habits of « Avez-vous les bons réflexes ? »."""
    with ctx.db.engine.connect() as conn:
        found = [
            checks.unqualified_clients(conn),
            checks.documents_hint(ctx, conn),
            *duplicates.findings(ctx, conn),
            *checks.articles(conn),
            checks.agenda_sync(ctx, conn),
            checks.exports_unused(ctx, conn),
            checks.sms_unused(ctx, conn),
            checks.mail_copy_without_email(conn),
            checks.quotes_unanswered(ctx, conn),
        ]
    findings = tuple(sorted((f for f in found if f is not None),
                            key=lambda f: (f.habit is None, f.habit or 0)))
    return AuditReport(score(findings), findings)
