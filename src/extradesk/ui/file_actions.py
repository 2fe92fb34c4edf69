"""The Fichier menu's long jobs: back up the database, load demonstration data."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QInputDialog, QMainWindow

from extradesk.i18n import format as fmt
from extradesk.ui import prompts
from extradesk.ui.ops import database as database_ops
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.progress import run_with_progress

DEMO_DEFAULT = 2000
DEMO_MAX = 200_000


def backup(window: QMainWindow, tasks: Tasks) -> None:
    def done(path) -> None:
        window.statusBar().showMessage("Sauvegarde terminée.", 8000)
        prompts.inform(window, "Sauvegarde terminée",
                       f"La base a été copiée dans :\n{path}")

    run_with_progress(window, tasks, database_ops.backup, done, title="Sauvegarde",
                      label="Copie de la base de données…")


def ask_demo(window: QMainWindow, tasks: Tasks) -> QInputDialog:
    """Ask how many clients, then generate them."""
    return prompts.ask_int(
        window, "Données de démonstration",
        "Nombre de clients fictifs à créer (avec leurs ouvrages et leurs pièces) :",
        value=DEMO_DEFAULT, minimum=1, maximum=DEMO_MAX,
        on_ok=lambda count: load_demo(window, tasks, count))


def load_demo(window: QMainWindow, tasks: Tasks, count: int) -> None:
    def done(result) -> None:
        report = result[0]
        seconds = fmt.decimal(Decimal(f"{report.seconds:.1f}"), 1)
        window.statusBar().showMessage(
            f"Données de démonstration : {fmt.integer(report.clients)} clients, "
            f"{fmt.integer(report.ouvrages)} ouvrages et {fmt.integer(report.documents)} "
            f"pièces créés en {seconds} s.", 15000)

    run_with_progress(window, tasks, database_ops.load_demo, done,
                      title="Données de démonstration",
                      label=f"Création de {fmt.integer(count)} clients fictifs…",
                      cancellable=True, clients=count)
