"""Every export by the name the command line and the Exports page use."""

from __future__ import annotations

from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.services import usage
from extradesk.services.context import Context
from extradesk.services.exports import commercial, fec, ledger_lines, receipts, revenue_reports
from extradesk.services.exports.model import ExportQuery, Table

EXPORTS = {
    "ca-journal": revenue_reports.ca_journal,
    "ca-origine": revenue_reports.ca_origine,
    "clients-gagnes-perdus": revenue_reports.clients_won_lost,
    "reste-a-facturer": revenue_reports.to_invoice,
    "commercial": commercial.commercial,
    "ca-famille": ledger_lines.ca_famille,
    "ca-compte": ledger_lines.ca_compte,
    "encaissements": receipts.receipts,
    "fec": fec.fec,
}


def run_export(ctx: Context, name: str, *, query: ExportQuery) -> Table:
    """The table of export `name` over `query`; refused in French for an unknown name."""
    report = EXPORTS.get(name)
    if report is None:
        raise ValidationError([Problem(None, "export.unknown", {
            "name": name, "choices": ", ".join(EXPORTS)})])
    table = report(ctx, query)
    usage.record(ctx, usage.EXPORT_PREFIX + name)  # the health check's « never opened »
    return table


def journal_by_code(ctx: Context, code: str) -> int:
    from sqlalchemy import text

    with ctx.db.engine.connect() as conn:
        found = conn.execute(text("SELECT id FROM journals WHERE lower(code) = lower(:c)"),
                             {"c": code}).scalar()
    if found is None:
        raise NotFoundError("export.journal_unknown", code=code)
    return found
