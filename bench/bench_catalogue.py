"""Supplier catalogues: import a generated 1,000,000-line price file, then look references up
and search labels among those lines; each beside the naive way.

    .venv/bin/python bench/bench_catalogue.py [--lines 1000000] [--sample 10000]

Figures printed: import time (reading, writing, indexes, diff, apply) and peak memory (RSS
high-water mark of this process, and its growth over the start), a row-by-row-commit
baseline on a sample, reference lookup and label contains-search p50/p95/max in ms, and the
query plans (no table scan).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from extradesk.core.catalogue_text import guess_mapping, normalise_ref
from extradesk.services import users
from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.catalogues import parse
from extradesk.services.catalogues import read as reader
from extradesk.services.context import open_context

NOUNS = ["Pompe", "Raccord", "Vanne", "Coude", "Tube", "Manchon", "Collier", "Filtre",
         "Skimmer", "Buse", "Projecteur", "Liner", "Margelle", "Bâche", "Robinet", "Té",
         "Réduction", "Joint", "Clapet", "Électrovanne", "Câble", "Gaine", "Conduit",
         "Poêle", "Tuyau", "Grille", "Regard", "Chaudière", "Radiateur", "Thermostat"]
QUALIFIERS = ["laiton", "PVC pression", "inox 316", "galvanisé", "à coller", "à visser",
              "mâle", "femelle", "haute température", "étanche", "réglable", "renforcé",
              "blanc", "noir mat", "gris anthracite", "double paroi", "isolé", "à bille"]
FAMILIES = [("Piscine", "Filtration"), ("Piscine", "Pièces à sceller"), ("Plomberie",
            "Raccords"), ("Chauffage", "Poêles"), ("Électricité", "Câbles"),
            ("Jardin", "Arrosage")]


def generate(path: Path, lines: int, seed: int = 1) -> list[str]:
    """A cp1252, semicolon, decimal-comma price file; returns a sample of its references."""
    rng = random.Random(seed)
    refs = []
    with path.open("w", encoding="cp1252", newline="") as f:
        f.write("Référence;Désignation;Famille;Sous-famille;Unité;Prix achat HT;"
                "Prix public HT;TVA;EAN\r\n")
        for i in range(lines):
            ref = f"{rng.choice('ABCDEFGHKLMPRSTW')}{i:07d}-{rng.choice('ABCDEFGH')}{i % 97}"
            family, sub = FAMILIES[i % len(FAMILIES)]
            label = (f"{rng.choice(NOUNS)} {rng.choice(QUALIFIERS)} Ø {rng.randint(10, 125)} "
                     f"mm série {rng.randint(100, 999)}")
            cents = rng.randint(50, 250_000)
            f.write(f"{ref};{label};{family};{sub};u;{cents // 100},{cents % 100:02d};"
                    f"{cents * 17 // 1000},{cents * 17 // 10 % 100:02d};20;"
                    f"37{i:011d}\r\n")
            if i % 997 == 0:
                refs.append(ref)
    return refs


def rss_mb(field: str = "VmHWM") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def stats(label: str, ms: list[float]) -> None:
    print(f"  {label}: p50 {statistics.median(ms):.3f} / p95 {pct(ms, 0.95):.3f} / "
          f"max {max(ms):.3f} ms over {len(ms)} calls")


def baseline(folder: Path, path: Path, sample: int) -> float:
    """The naive way: one INSERT and one commit per line (sync FULL, as the app runs)."""
    ctx, _ = open_context(folder / "naive.sqlite3")
    supplier = catalogue.supplier_by_name(ctx, "Naïf")
    sniffed = parse.sniff(path)
    columns = {"ref": 0, "label": 1, "purchase_price": 5}
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO catalogue_imports (supplier_id, state, file_name, started_at, lines, "
            f"skipped, added, removed, price_up, price_down) VALUES ({supplier}, 'active', "
            "'naive', '2026-11-28 09:00:00', 0, 0, 0, 0, 0, 0)")
    started = time.perf_counter()
    for count, row in enumerate(parse.records(path, sniffed.format, columns), start=1):
        with ctx.db.write_engine.begin() as conn:
            line_id = conn.exec_driver_sql(
                "INSERT INTO catalogue_lines (import_id, supplier_id, ref, ref_norm, label) "
                "VALUES (1, ?, ?, ?, ?)", (supplier, row[1], row[2], row[3])).lastrowid
            conn.exec_driver_sql("INSERT INTO catalogue_fts_tri(rowid, text) VALUES (?, ?)",
                                 (line_id, row[4]))
        if count >= sample:
            break
    seconds = time.perf_counter() - started
    ctx.db.dispose()
    return seconds


def reimport(ctx, supplier: int, first: Path, second: Path) -> None:
    """The supplier's next price file: every 10th price up 3 %, every 50th line gone, 1,000
    new lines; then stage (read, write, diff) and apply (switch, drop the old lines)."""
    with first.open(encoding="cp1252", newline="") as src, \
            second.open("w", encoding="cp1252", newline="") as out:
        out.write(next(src))
        for i, line in enumerate(src):
            if i % 50 == 49:
                continue
            if i % 10 == 0:
                cells = line.split(";")
                euros, cents = cells[5].split(",")
                price = (int(euros) * 100 + int(cents)) * 103 // 100
                cells[5] = f"{price // 100},{price % 100:02d}"
                line = ";".join(cells)
            out.write(line)
        for i in range(1000):
            out.write(f"NEW{i:06d};Nouveauté {i};Piscine;Filtration;u;10,00;20,00;20;\r\n")
    sniffed = parse.sniff(second)
    t = time.perf_counter()
    staged = imports.stage(ctx, supplier, path=second, fmt=sniffed.format, columns=guess_mapping(sniffed.headers))
    staged_s = time.perf_counter() - t
    t = time.perf_counter()
    imports.apply(ctx, staged.import_id)
    applied_s = time.perf_counter() - t
    d = staged.diff
    print(f"Re-import of {staged.lines:,} lines: stage (read, write, indexes, diff) "
          f"{staged_s:.1f} s, apply (switch, drop the {d.removed + d.unchanged + d.price_up + d.price_down:,} "
          f"old lines) {applied_s:.1f} s; diff: {d.added:,} new, {d.removed:,} removed, "
          f"{d.price_up:,} up, {d.price_down:,} down, {d.unchanged:,} unchanged")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "tarif.csv"
        t = time.perf_counter()
        refs = generate(path, args.lines)
        print(f"Generated {args.lines:,} lines ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.1f} s")
        ctx, _ = open_context(folder / "bench.sqlite3")
        ctx.user_id = users.ensure_a_user(ctx)
        supplier = catalogue.supplier_by_name(ctx, "Aqua Distribution")
        start_rss = rss_mb("VmRSS")
        t = time.perf_counter()
        staged, _ = imports.import_file(ctx, supplier, path=path)
        seconds = time.perf_counter() - t
        print(f"Import of {staged.lines:,} lines (read, write, indexes, diff, apply): "
              f"{seconds:.1f} s; peak RSS {rss_mb():.0f} MB "
              f"(+{rss_mb() - start_rss:.0f} MB over the {start_rss:.0f} MB before); "
              f"{reader.default_parts()} reading processes, each at most "
              f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
        sniffed = parse.sniff(path)
        timings = []
        for parts in (reader.default_parts(), 1):
            t = time.perf_counter()
            with tempfile.TemporaryDirectory(dir=folder) as scratch:
                reader.read(path, sniffed.format, guess_mapping(sniffed.headers),
                            Path(scratch), strict=True, parts=parts)
            timings.append(f"{parts} process(es) {time.perf_counter() - t:.1f} s")
        print("  the reading step alone (file -> scratch files): " + ", ".join(timings))
        naive = baseline(folder, path, args.sample)
        print(f"Baseline, one commit per line: {args.sample:,} lines in {naive:.1f} s "
              f"→ {naive * args.lines / args.sample:.0f} s for {args.lines:,}")

        rng = random.Random(2)
        typed = []
        for ref in refs[:1000]:  # as people type them: lower case, spaces, dots
            variant = ref.lower() if rng.random() < 0.5 else ref.replace("-", " ")
            typed.append(variant)
        lookups = []
        for ref in typed:
            t = time.perf_counter()
            found = catalogue.find(ctx, ref)
            lookups.append((time.perf_counter() - t) * 1000)
            assert found, ref
        print("Reference lookup (catalogue.find, whole service call):")
        stats("found", lookups)
        misses = []
        for i in range(300):
            t = time.perf_counter()
            catalogue.find(ctx, f"ZZ{i}NOPE")
            misses.append((time.perf_counter() - t) * 1000)
        stats("not found", misses)
        words = [w.lower() for w in NOUNS + QUALIFIERS] + [
            f"{rng.choice(NOUNS)} {rng.choice(QUALIFIERS).split()[0]}".lower()
            for _ in range(100)] + [f"série {rng.randint(100, 999)}" for _ in range(50)]
        searches = []
        for word in words:
            t = time.perf_counter()
            catalogue.search_labels(ctx, word, limit=50)
            searches.append((time.perf_counter() - t) * 1000)
        print("Label contains-search (catalogue.search_labels, 50 hits, whole call):")
        stats("labels", searches)
        naive_ms = []
        with ctx.db.engine.connect() as conn:
            for word in words[:20]:
                t = time.perf_counter()
                conn.exec_driver_sql(
                    "SELECT id FROM catalogue_lines WHERE label LIKE ? LIMIT 50",
                    (f"%{word}%",)).all()
                naive_ms.append((time.perf_counter() - t) * 1000)
            stats("baseline LIKE '%…%' (20 words)", naive_ms)
            t = time.perf_counter()
            for ref in typed[:20]:
                conn.exec_driver_sql(
                    "SELECT id FROM catalogue_lines WHERE replace(replace(lower(ref), '-', ''),"
                    " ' ', '') = ?", (normalise_ref(ref),)).all()
            print(f"  baseline lookup by an expression over every line: "
                  f"{(time.perf_counter() - t) * 1000 / 20:.1f} ms a call")
            print("Query plans:")
            for name, statement, params in (
                    ("find", catalogue._BY_REF, {"r": "w1", "n": 50}),
                    ("labels", catalogue._BY_LABEL, {"m": '"pompe"', "n": 50})):
                plan = conn.execute(text("EXPLAIN QUERY PLAN " + statement.text), params).all()
                print(f"  {name}: " + " | ".join(r[-1] for r in plan))
        reimport(ctx, supplier, path, folder / "tarif-2.csv")
        ctx.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
