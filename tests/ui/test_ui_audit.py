"""« Avez-vous les bons réflexes ? » driven like a person: the menu opens it, the seeded
duplicates are listed with why they matter, the merge proposal merges them after a yes,
and the buttons open the places that fix each finding."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from ui_helpers import add_client, wait_for

from extradesk.services import references
from extradesk.services.clients import records as clients


def civility_id(ctx, label):
    return next(i.id for i in references.list_items(ctx, "civility") if i.label == label)


def open_audit(qtbot, window):
    window.audit_action.trigger()
    dialog = window.audit_dialog
    qtbot.waitUntil(lambda: dialog.page.report is not None, timeout=10_000)
    return dialog


def texts(widget, name):
    return [w.text() for w in widget.findChildren(QLabel, name)]


def test_the_page_lists_the_seeded_duplicates_and_merges_them(qtbot, window, ctx):
    mr, _ = references.add_item(ctx, "civility", label="Mr")
    monsieur, _ = references.add_item(ctx, "civility", label="Monsieur")
    kept = civility_id(ctx, "M.")  # used twice: the one to keep
    one = add_client(ctx, last_name="Aubert", civility_id=mr.id, status_id=1, origin_id=1)
    two = add_client(ctx, last_name="Bertin", civility_id=monsieur.id, status_id=1,
                     origin_id=1)
    three = add_client(ctx, last_name="Carré", civility_id=kept, status_id=1, origin_id=1)
    four = add_client(ctx, last_name="Dumas", civility_id=kept, status_id=1, origin_id=1)
    dialog = open_audit(qtbot, window)
    page = dialog.page
    assert page.score_label.text() == "Score : 9/10"
    card = page.findChild(object, "finding_duplicate_civilities")
    assert texts(card, "findingTitle") == ["2 civilités en double"]
    assert "« M. » et « Monsieur »" in texts(card, "findingWhy")[0]
    assert texts(card, "mergeText") == [
        "Garder « M. » et y rattacher « Mr », « Monsieur » (2 fiches à rattacher)."]
    dialog.page.grab().save("/tmp/audit-page-before.png")

    merge = card.findChild(QPushButton, "mergeButton")
    qtbot.mouseClick(merge, Qt.MouseButton.LeftButton)
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    assert box.text().startswith("Fusionner « Mr », « Monsieur » dans « M. » ?")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes),
                         Qt.MouseButton.LeftButton)
    assert page.note.text() == "2 doublons fusionnés dans « M. »."
    assert page.score_label.text() == "Score : 10/10"
    assert page.findChild(object, "finding_duplicate_civilities") is None
    assert {clients.get_client(ctx, c).civility for c in (one, two, three, four)} == {"M."}
    assert [i.label for i in references.list_items(ctx, "civility")
            if i.label in ("Mr", "Monsieur")] == []


def test_cancelling_the_merge_changes_nothing(qtbot, window, ctx, idle):
    mr, _ = references.add_item(ctx, "civility", label="Mr")
    add_client(ctx, last_name="Aubert", civility_id=mr.id, status_id=1, origin_id=1)
    page = open_audit(qtbot, window).page
    card = page.findChild(object, "finding_duplicate_civilities")
    qtbot.mouseClick(card.findChild(QPushButton, "mergeButton"), Qt.MouseButton.LeftButton)
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    idle()
    assert "Mr" in [i.label for i in references.list_items(ctx, "civility")]


def test_an_empty_database_says_all_is_well(qtbot, window):
    page = open_audit(qtbot, window).page
    assert page.score_label.text() == "Score : 10/10"
    assert texts(page, "auditAllGood") == ["Bravo : toutes les bonnes habitudes sont prises."]


def test_fix_buttons_open_the_places(qtbot, window, ctx):
    references.add_item(ctx, "origin", label="Salons")
    add_client(ctx, last_name="Pressé")  # no status, no origin
    page = open_audit(qtbot, window).page
    assert page.score_label.text() == "Score : 8/10"
    card = page.findChild(object, "finding_duplicate_origins")
    qtbot.mouseClick(card.findChild(QPushButton, "findingFix"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window.dialog, "list_name", None) == "origin"
                    and window.dialog.chooser.currentText() == "Origines de contact")
    qtbot.waitUntil(lambda: "Salons" in [i.label for i in window.dialog.items])
    window.dialog.close()
    card = page.findChild(object, "finding_clients_unqualified")
    assert texts(card, "findingItems") == ["• PRESSÉ"]
    window.tabs.setCurrentIndex(2)
    qtbot.mouseClick(card.findChild(QPushButton, "findingFix"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 0


def test_each_place_opens_where_the_finding_is_fixed(qtbot, window, ctx):
    from extradesk.ui.pages.audit_places import go_to

    go_to(window, "search")
    assert window.search_edit.text() == "**"
    go_to(window, "articles:to_classify")
    assert window.tabs.currentWidget() is window.articles_page.parentWidget()
    assert window.articles_page.to_classify.isChecked()
    go_to(window, "documents:quotes_sent")
    page = window.documents_page
    assert window.tabs.currentWidget() is page.parentWidget()
    assert (page.kind_filter.currentText(), page.status_filter.currentText()) \
        == ("Devis", "Envoyé")
    go_to(window, "exports")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Exports"
    go_to(window, "users")
    assert window.dialog.objectName() == "usersDialog"
    window.dialog.close()
    go_to(window, "agenda:account", ctx.user_id)
    assert type(window.dialog).__name__ == "AccountDialog"
    assert window.dialog.user_id == ctx.user_id
    window.dialog.close()


def test_opening_an_export_counts_as_used(qtbot, window, ctx):
    from extradesk.services import usage

    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index("Exports"))  # the first report read when shown
    qtbot.waitUntil(lambda: usage.used_prefixed(ctx, usage.EXPORT_PREFIX)
                    == {"export.ca-journal": 1}, timeout=10_000)


def test_a_fix_made_elsewhere_shows_at_once(qtbot, window, ctx):
    from extradesk.ui.ops import references as references_ops

    mr, _ = references.add_item(ctx, "civility", label="Mr")
    page = open_audit(qtbot, window).page
    assert page.findChild(object, "finding_duplicate_civilities") is not None
    # The user merges in the reference lists dialog instead (any published change).
    references_ops.merge_items(window.tasks, window, list_name="civility",
                               keep_id=civility_id(ctx, "M."), duplicate_ids=[mr.id])
    qtbot.waitUntil(lambda: page.findChild(object, "finding_duplicate_civilities") is None,
                    timeout=10_000)
    assert page.score_label.text() == "Score : 10/10"
