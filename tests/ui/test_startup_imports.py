"""Start-up follows the packages: the worker serves the clients list and the first search
without the other capabilities' services and tables, or SQLModel; `**` and `*` load theirs.

Run in a fresh process: the real application start (app.start), as a user would see it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import ClientInput

# Typed into the search box once the session is ready; after each answer the script notes
# which of the deferred modules the process holds.
SCRIPT = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from extradesk import app

DEFERRED = ("sqlmodel", "pydantic", "sqlalchemy.orm", "alembic", "requests", "reportlab",
            "extradesk.sync.caldav_client")
CAPABILITIES = ("extradesk.services.documents.", "extradesk.services.articles.",
                "extradesk.services.catalogues.", "extradesk.services.agenda.",
                "extradesk.models.")
KEPT = {"extradesk.services.articles.dto", "extradesk.services.agenda.dto",  # the pages' DTOs
        "extradesk.services.documents.dto", "extradesk.models.tables"}


def loaded():
    found = [m for m in DEFERRED if m in sys.modules]
    found += [m for m in sys.modules if m.startswith(CAPABILITIES) and m not in KEPT]
    return sorted(found)


window = app.start(sys.argv[1])
report, typed = [], ["dup", "**dup", "*zz"]


def shown(_seq):
    report.append({"typed": window.search_edit.text(), "hits": len(window.search.hits),
                   "search": "extradesk.services.search" in sys.modules, "loaded": loaded()})
    if typed:
        window.search_edit.setText(typed.pop(0))
    else:
        print(json.dumps(report), flush=True)
        window.close()
        QApplication.instance().quit()


def ready():
    report.append({"typed": "", "hits": 0, "search": "extradesk.services.search" in sys.modules,
                   "loaded": loaded()})
    window.search.results_shown.connect(shown)
    window.search_edit.setText(typed.pop(0))


window.session_ready.connect(ready)
code = QApplication.instance().exec()
window.tasks.shutdown()
"""


def test_the_first_searches_load_only_what_they_need(ctx, db_path):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Dupont", first_name="Jean"))
    documents.create_quote(ctx, client_id)
    ctx.db.dispose()
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(db_path)], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    at_ready, clients_search, documents_search, articles_search = json.loads(out.stdout)
    # Search ready: the search service is loaded, nothing of the other capabilities.
    assert at_ready == {"typed": "", "hits": 0, "search": True, "loaded": []}
    assert clients_search == {"typed": "dup", "hits": 1, "search": True, "loaded": []}
    # `**name` and `*ref` load their services (and SQLModel with their tables) on first use.
    assert documents_search["hits"] == 1
    assert "extradesk.services.documents.drafts" in documents_search["loaded"]
    assert "extradesk.services.articles.edit" not in documents_search["loaded"]
    assert articles_search["typed"] == "*zz"
    assert {"extradesk.services.articles.edit", "extradesk.services.catalogues.lookup"} <= set(
        articles_search["loaded"])
