"""The clients table model: exact row count from an id snapshot, rows fetched lazily by page."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from ui_helpers import add_client

from extradesk.core.changes import Changes
from extradesk.services import users
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput
from extradesk.ui.tablemodels.clients_model import (
    ID_ROLE,
    PAGE_SIZE,
    ClientsModel,
    read_first_page,
)

CITIES = ["Annecy", "Brest", "Colmar", "Dijon", "Évian-les-Bains"]


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    """450 clients (three pages), named so that name order and city order differ; built once."""
    path = tmp_path_factory.mktemp("template") / "clients.sqlite3"
    context, _report = open_context(path)
    for i in range(450):
        add_client(context, last_name=f"Client{i:03d}", first_name="Jean",
                   billing_postal_code=f"{74000 + i % 5:05d}", billing_city=CITIES[4 - i % 5])
    context.db.dispose()
    return path


@pytest.fixture
def ctx(template, db_path, clock):
    shutil.copyfile(template, db_path)
    context, _report = open_context(db_path, clock=clock)
    context.user_id = users.ensure_a_user(context)
    yield context
    context.db.dispose()


@pytest.fixture
def model(qtbot, tasks):
    model = ClientsModel(tasks)
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload()
    return model


def test_model_passes_the_qt_model_tester(qtbot, qtmodeltester, model, idle):
    qtmodeltester.check(model)
    idle()  # pages requested by the tester arrive while it still watches the signals
    assert model.rowCount() == 450


def test_the_row_count_is_exact_and_only_the_first_page_is_loaded(model):
    assert model.rowCount() == 450
    assert model.columnCount() == 6
    assert model.loaded_pages == [0]
    assert model.data(model.index(0, 0)) == "CLIENT000 Jean"
    assert model.data(model.index(0, 2)) == "Évian-les-Bains"


def test_rows_further_down_arrive_on_demand(qtbot, model):
    last = model.index(449, 0)
    assert model.data(last) is None  # not loaded yet: asked for, painted when it comes
    assert model.data(last, ID_ROLE) is not None  # the id is always known
    with qtbot.waitSignal(model.page_loaded) as page:
        pass
    assert page.args == [449 // PAGE_SIZE]
    assert model.data(last) == "CLIENT449 Jean"


def test_sorting_is_a_new_sql_snapshot(qtbot, model):
    with qtbot.waitSignal(model.snapshot_loaded):
        model.sort(2, Qt.SortOrder.AscendingOrder)  # Ville
    assert model.query.sort == "city"
    first_cities = {model.data(model.index(r, 2)) for r in range(90)}
    assert first_cities == {"Annecy"}
    with qtbot.waitSignal(model.snapshot_loaded):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "CLIENT449 Jean"


def test_a_column_sql_cannot_sort_is_ignored(qtbot, model, idle):
    model.sort(3, Qt.SortOrder.AscendingOrder)  # Téléphone
    idle()
    assert model.query.sort == "name"


def test_an_edited_client_is_refreshed_in_place(qtbot, ctx, model):
    first = model.client_id(0)
    detail = clients.get_client(ctx, first)
    changes = clients.update_client(ctx, first, data=ClientInput(
        **{**detail.data.__dict__, "billing_city": "Chamonix-Mont-Blanc"}))
    with qtbot.waitSignal(model.dataChanged):
        model.apply_changes(changes)
    assert model.data(model.index(0, 2)) == "Chamonix-Mont-Blanc"
    assert model.rowCount() == 450


def test_a_new_client_takes_a_new_snapshot(qtbot, ctx, model):
    new_id, changes = clients.create_client(ctx, ClientInput(last_name="Aaron"))
    with qtbot.waitSignal(model.snapshot_loaded):
        model.apply_changes(changes)
    assert model.rowCount() == 451
    assert model.client_id(0) == new_id


def test_archived_clients_are_hidden_unless_asked(qtbot, ctx, model):
    target = model.client_id(0)
    clients.set_archived(ctx, target, archived=True)
    with qtbot.waitSignal(model.snapshot_loaded):
        model.apply_changes(Changes(everything=True))
    assert model.row_of(target) is None
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload(include_archived=True)
    row = model.row_of(target)
    assert model.data(model.index(row, 5)) == "Archivé"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_a_start_up_preview_is_adopted_by_the_first_reload_without_a_reset(
        qtbot, tasks, db_path, idle):
    model = ClientsModel(tasks)
    with qtbot.waitSignal(model.first_page_shown):
        model.show_first_page(read_first_page(db_path))
    assert (model.rowCount(), model.loaded, model.loaded_pages) == (450, False, [0])
    assert model.data(model.index(0, 0)) == "CLIENT000 Jean"
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload()
    assert resets == [] and model.loaded and model.total == 450
    assert model.data(model.index(449, 0), ID_ROLE) == clients.client_ids(model._tasks.ctx)[-1]
    model.show_first_page(read_first_page(db_path))  # too late: the snapshot is on screen
    idle()
    assert resets == [] and model.loaded


def test_a_preview_of_another_query_is_ignored(qtbot, tasks, db_path):
    model = ClientsModel(tasks)
    shown = []
    model.first_page_shown.connect(lambda: shown.append(True))
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload(sort="city")
        model.show_first_page(read_first_page(db_path))  # the default order: not this list
        assert shown == [] and model.rowCount() == 0
    assert model.data(model.index(0, 2)) == "Annecy"


def test_the_lazy_table_sorts_in_sql_and_keeps_its_indicator_off_unsortable_columns(
        qtbot, model):
    from extradesk.ui.widgets.table import lazy_table

    table = lazy_table(model, "clientsTable")
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), table.columnWidth(2)) == (0, 200)
    header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # Téléphone: SQL cannot sort it
    assert header.sortIndicatorSection() == 0 and model.query.sort == "name"
    with qtbot.waitSignal(model.snapshot_loaded):
        header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    assert (model.query.sort, model.query.descending) == ("city", True)
    assert model.data(model.index(0, 2)) == "Évian-les-Bains"
