#!/usr/bin/env bash
# Bundle throughput on a real built site, in release mode:
#   scripts/bench-bundle.sh SITE_DIR [CONTENT_DIR]
# Prints build and verify MB/s for a full bundle, apply times, and full vs delta size for a
# one-document change (made in CONTENT_DIR and rebuilt when given, else in one data file).
set -euo pipefail
cd "$(dirname "$0")/.."
site="$(realpath "${1:?usage: scripts/bench-bundle.sh SITE_DIR [CONTENT_DIR]}")"
content="${2:-}"

cargo build --release -p gongkai >/dev/null
g="$PWD/target/release/gongkai"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One creation time for every bundle of the run (it must lie within a day of the clock).
export SOURCE_DATE_EPOCH="$(date +%s)"

for k in k r1 r2; do "$g" keygen --out "$work/$k.key" 2>/dev/null; done
"$g" trust init --root-key "$work/r1.key.pub" --root-key "$work/r2.key.pub" \
  --release-key "$work/k.key.pub" --out "$work/trust.json" 2>/dev/null

# Seconds taken by a command (its output discarded).
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
mbps() { echo "scale=1; $1 / 1000000 / $2" | bc -l; }

bytes=$(du -sb --apparent-size "$site" | cut -f1)
files=$(find "$site" -type f | wc -l)
echo "site: $files files, $(echo "scale=1; $bytes/1000000" | bc) MB"

t=$(timed "$g" bundle --site "$site" --key "$work/k.key" --version 1 --expires-days 366 --out "$work/v1.zip")
echo "bundle build (full): ${t}s, $(mbps "$bytes" "$t") MB/s; bundle $(stat -c %s "$work/v1.zip") bytes"
t=$(timed "$g" verify --trust "$work/trust.json" "$work/v1.zip")
echo "verify (full):       ${t}s, $(mbps "$bytes" "$t") MB/s"
t=$(timed "$g" apply --trust "$work/trust.json" --store "$work/store" "$work/v1.zip")
echo "apply (full):        ${t}s, $(mbps "$bytes" "$t") MB/s"

# One document changes.
if [ -n "$content" ]; then
    cp -r "$content" "$work/content2"
    doc=$(find "$work/content2" -name '*.md' | sort | sed -n 1p)
    printf '\n本条为基准测试追加的一句话。\n' >>"$doc"
    "$g" build --content "$work/content2" --out "$work/site2" >/dev/null 2>&1
else
    cp -r "$site" "$work/site2"
    doc=$(find "$work/site2/items" -name 'index.html' | sort | sed -n 1p)
    printf ' ' >>"$doc"
fi
t=$(timed "$g" bundle --site "$work/site2" --key "$work/k.key" --version 2 --expires-days 366 --since "$work/v1.zip" --out "$work/d2.zip")
echo "bundle build (delta): ${t}s"
"$g" bundle --site "$work/site2" --key "$work/k.key" --version 2 --expires-days 366 --out "$work/v2.zip" 2>/dev/null
echo "one-document change: full $(stat -c %s "$work/v2.zip") bytes, delta $(stat -c %s "$work/d2.zip") bytes"
t=$(timed "$g" apply --trust "$work/trust.json" --store "$work/store" "$work/d2.zip")
echo "apply (delta):       ${t}s"
