"""Merging two suppliers carries their catalogues and remembered mappings along."""

from decimal import Decimal

from sqlalchemy import text

from extradesk.services import references
from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.catalogues import parse

AQUA = ("Référence;Désignation;Prix achat HT\n"
        "W1245ER;Pompe de filtration 1 CV;412,00\n"
        "SK-88;Skimmer grande bouche;189,00\n")
# The same supplier entered twice, its file read another way (UTF-8, tabs, decimal point).
AQUA_BIS = "ref\tlibelle\tprix net\nLIN.75\tLiner 75/100e bleu\t18.5\n"


def stage_file(ctx, tmp_path, name, content, encoding):
    supplier_id = catalogue.supplier_by_name(ctx, name)
    path = tmp_path / f"{supplier_id}.csv"
    path.write_bytes(content.encode(encoding))
    imports.import_file(ctx, supplier_id, path=path)
    return supplier_id, path


def scalar(ctx, sql):
    with ctx.db.engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def test_merging_suppliers_moves_lines_imports_and_mappings(ctx, tmp_path):
    keep, aqua_file = stage_file(ctx, tmp_path, "Aqua Distribution", AQUA, "cp1252")
    duplicate, _ = stage_file(ctx, tmp_path, "Aqua Distrib.", AQUA_BIS, "utf-8")

    references.merge_items(ctx, "supplier", keep_id=keep, duplicate_ids=[duplicate])

    # Both catalogues stay visible, under the kept supplier.
    assert [(m.supplier, m.ref) for m in catalogue.search(ctx, "LIN75")] == [
        ("Aqua Distribution", "LIN.75")]
    assert catalogue.find(ctx, "w1245er")[0].supplier == "Aqua Distribution"
    for table in ("catalogue_lines", "catalogue_imports", "catalogue_mappings"):
        assert scalar(ctx, f"SELECT count(*) FROM {table} WHERE supplier_id = {duplicate}") == 0
    assert scalar(ctx, "SELECT count(*) FROM catalogue_imports WHERE state = 'active' "
                       f"AND supplier_id = {keep}") == 2

    # Both had a mapping: both are kept, and the one used last is the one remembered.
    assert scalar(ctx, f"SELECT count(*) FROM catalogue_mappings WHERE supplier_id = {keep}") == 2
    fmt, columns = imports.remembered(ctx, keep, sniffed=parse.sniff(aqua_file))
    assert (fmt.encoding, fmt.delimiter, fmt.decimal) == ("utf-8", "\t", ".")

    # The next import of the kept supplier replaces both catalogues and keeps one mapping.
    staged, _ = imports.import_file(ctx, keep, path=aqua_file, columns={"ref": 0, "label": 1,
                                                                  "purchase_price": 2})
    assert (staged.diff.added, staged.diff.removed, staged.diff.unchanged) == (0, 1, 2)
    assert catalogue.search(ctx, "LIN75") == []
    assert catalogue.find(ctx, "SK88")[0].purchase_price == Decimal("189")
    assert scalar(ctx, f"SELECT count(*) FROM catalogue_mappings WHERE supplier_id = {keep}") == 1
    assert scalar(ctx, "SELECT count(*) FROM catalogue_lines") == 2
    assert scalar(ctx, "SELECT count(*) FROM catalogue_fts_tri") == 2
