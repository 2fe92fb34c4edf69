"""`extradesk audit`: the health check « Avez-vous les bons réflexes ? », score and findings."""

from __future__ import annotations

import argparse

from extradesk.cli.common import add_db, add_json, open_context, print_json

SHOWN = 5  # items printed under a finding; --json has them all


def register(sub) -> None:
    audit = sub.add_parser("audit", help="« Avez-vous les bons réflexes ? » : score sur 10 et "
                                         "points à corriger")
    add_db(audit)
    add_json(audit)
    audit.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk.services import audit

    report = audit.run(open_context(args, read_only=True))
    if args.json:
        print_json(_as_json(report))
    else:
        print(_as_text(report))
    return 0


def _as_json(report) -> dict:
    from dataclasses import asdict

    from extradesk.i18n import audit as words

    findings = []
    for finding in report.findings:
        data = asdict(finding)
        data["title"], data["why"] = words.title(finding), words.why(finding)
        for merge, proposal in zip(data["merges"], finding.merges, strict=True):
            merge["text"] = words.merge_text(proposal)
        findings.append(data)
    return {"score": report.score, "findings": findings}


def _as_text(report) -> str:
    from extradesk.i18n import audit as words
    from extradesk.i18n.messages import text

    out = [words.TITLE, text("audit.score", score=report.score)]
    if not report.findings:
        out.append(text("audit.all_good"))
    for finding in report.findings:
        out += ["", f"{words.habit_label(finding)} — {words.title(finding)}",
                f"  {words.why(finding)}"]
        out += [f"  · {words.merge_text(p)}" for p in finding.merges]
        out += [f"  · {words.item_text(finding, i)}" for i in finding.items[:SHOWN]]
        if len(finding.items) > SHOWN:
            out.append("  · …")
    return "\n".join(out)
