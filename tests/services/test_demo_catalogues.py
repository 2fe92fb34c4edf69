"""The demo set brings two supplier catalogues, imported through the user's own path."""

from extradesk.services.catalogues import importing as catalogue_import
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.demo import dataset as demo_set


def test_demo_builds_two_catalogues_once(ctx):
    demo_set.generate(ctx, clients=20, seed=1, documents=False)
    history = catalogue_import.history(ctx)
    assert sorted(h.supplier for h in history) == ["Aqua Distribution", "Poêles & Flammes SA"]
    assert all(h.state == "active" and h.lines == 1500 for h in history)
    [pump] = catalogue.find(ctx, "w 1245-er")
    assert (pump.supplier, pump.label) == ("Aqua Distribution", "Pompe de filtration 1 CV")
    assert catalogue.find(ctx, "tub80inox")[0].supplier == "Poêles & Flammes SA"
    demo_set.generate(ctx, clients=5, seed=2, documents=False, force=True)
    assert len(catalogue_import.history(ctx)) == 2  # not imported twice
