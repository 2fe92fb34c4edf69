#!/usr/bin/env bash
# Run a built extradesk executable the ways users do, in a throw-away data folder:
#   installer/check_bundle.sh [EXECUTABLE]     (default: dist/extradesk/extradesk)
# --version, demo data, verify, a PDF printed, the GUI started offscreen until its clients
# list and search are ready, and a catalogue over 16 MB read by --catalogue-reader children.
# Needs python3 (to pick a document number and write the big catalogue).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
exe=${1:-$root/dist/extradesk/extradesk}
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/src/extradesk/__init__.py")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EXTRADESK_HOME="$work/home" QT_QPA_PLATFORM=offscreen
unset EXTRADESK_DEBUG
db="$work/demo.sqlite3"

fail() { echo "check_bundle: $*" >&2; exit 1; }
step() { echo "check_bundle: $*"; }

step "--version"
got=$("$exe" --version)
[ "$got" = "extradesk $version" ] || fail "--version printed « $got », expected « extradesk $version »"

step "demo --clients 50"
"$exe" demo --clients 50 --seed 1 --db "$db"

step "verify"
"$exe" verify --db "$db"

number=$(python3 - "$db" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT number FROM documents WHERE kind = 'facture' AND number IS NOT NULL "
    "ORDER BY id LIMIT 1").fetchone()
print(row[0] if row else "")
PY
)
[ -n "$number" ] || fail "the demo made no issued invoice"
step "print $number"
"$exe" print "$number" -o "$work/facture.pdf" --db "$db"
[ "$(head -c 5 "$work/facture.pdf")" = "%PDF-" ] || fail "print did not write a PDF"

step "GUI start (offscreen)"
out=$(EXTRADESK_BENCH_STARTUP=1 timeout 180 "$exe" gui "$db" 2>&1) \
    || fail "the GUI did not start and quit (exit $?): $out"
grep -q "EXTRADESK_BENCH_STARTUP session" <<<"$out" \
    || fail "the GUI never reached a usable session: $out"

step "catalogue reader child"
child=$("$exe" --catalogue-reader </dev/null 2>&1 || true)
grep -q "EOFError" <<<"$child" || fail "--catalogue-reader did not start a reader: $child"

step "catalogue import of a file over 16 MB"
python3 - "$work/tarif.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("Référence;Désignation;Famille;Prix achat HT\n")
    for k in range(300_000):
        out.write(f"REF{k:07d};Raccord laiton coudé mâle femelle 20/27 n°{k};Plomberie;"
                  f"{k % 900 + 1},{k % 100:02d}\n")
PY
[ "$(stat -c %s "$work/tarif.csv")" -gt $((16 << 20)) ] || fail "the catalogue is under 16 MB"
out=$("$exe" catalogue import --supplier Grossiste "$work/tarif.csv" --db "$db")
# 300 000 with a narrow no-break space: one character, or three bytes in the C locale.
grep -Eq "300.{1,3}000 lignes" <<<"$out" || fail "catalogue import: $out"
if grep -rqs "catalogue reader" "$EXTRADESK_HOME"; then
    fail "a catalogue reader child failed: $(grep -rh "catalogue reader" "$EXTRADESK_HOME")"
fi

step "ok"
