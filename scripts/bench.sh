#!/usr/bin/env bash
# Every figure of issue 6 for both corpora, with Pagefind 1.6.0 as the baseline in the same run:
#
#   scripts/bench.sh            full run: the law corpus and the 100,000-item corpus
#   scripts/bench.sh --quick    a check: laws only, one run of each, short criterion and warm passes
#
# A benchmark, not a test: it measures and prints, never fails on a number. It builds the release
# CLI and the app (Trunk), imports the corpora into BENCH_WORK, then per corpus: full builds under
# /usr/bin/time -v, the one-file incremental rebuild (laws), native query latency (criterion),
# the browser figures (tests/bench/search.mjs), and the same for Pagefind over the laws rendered
# to HTML; last the tables (tests/bench/report.mjs) and BENCH_OUT/report.json.
#
# Each heavy step takes /tmp/gongkai-heavy.lock (flock) itself, so do not wrap this script in
# flock on that file. Settings (environment):
#   CORPUS=../shared/corpus/lawrefbook   BENCH_WORK=/tmp/gongkai-bench   BENCH_OUT=target/bench
#   CORPORA="laws 100k"   ITEMS_100K=100000   BENCH_DIST=<a Trunk dist to use instead of building one>
#   BUILD_RUNS=3 (laws)   BUILD_RUNS_100K=2   INCR_RUNS=3   PAGEFIND_RUNS=3
#   RUNS=3 (cold browser runs per query)   FAST3G_RUNS=RUNS (the same under Fast 3G)   SKIP_FAST3G=1
#   WARM=5 (warm passes over the queries in an open page)
#   CRITERION_ARGS="--warm-up-time 1 --measurement-time 3"   PAGEFIND=0 (no baseline)
#   PAGEFIND_100K=1 (the baseline on 100k too; off: Pagefind is reported to run out of memory at 30k pages)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [ "${1:-}" = --quick ]; then
    : "${CORPORA:=laws}" "${BUILD_RUNS:=1}" "${BUILD_RUNS_100K:=1}" "${INCR_RUNS:=1}" "${PAGEFIND_RUNS:=1}"
    : "${RUNS:=1}" "${WARM:=2}" "${CRITERION_ARGS:=--warm-up-time 0.2 --measurement-time 0.5 --sample-size 10}"
elif [ -n "${1:-}" ]; then
    echo "usage: scripts/bench.sh [--quick]" >&2
    exit 2
fi
CORPUS=$(realpath "${CORPUS:-../shared/corpus/lawrefbook}")
WORK=${BENCH_WORK:-/tmp/gongkai-bench}
OUT=$(realpath -m "${BENCH_OUT:-target/bench}")
: "${CORPORA:=laws 100k}" "${ITEMS_100K:=100000}" "${BUILD_RUNS:=3}" "${BUILD_RUNS_100K:=2}" "${INCR_RUNS:=3}"
: "${PAGEFIND_RUNS:=3}" "${RUNS:=3}" "${WARM:=5}" "${PAGEFIND:=1}" "${PAGEFIND_100K:=0}"
: "${CRITERION_ARGS:=--warm-up-time 1 --measurement-time 3}"
export RUNS WARM
BIN=$PWD/target/release/gongkai
PAGEFIND_BIN=$PWD/tests/bench/node_modules/@pagefind/linux-x64/bin/pagefind_extended
LOCK=/tmp/gongkai-heavy.lock

heavy() { flock "$LOCK" "$@"; }
step() { printf '\n== %s\n' "$*"; }

prepare() {
    step "release CLI, app dist, Pagefind"
    cargo build --release -p gongkai
    if [ -n "${BENCH_DIST:-}" ]; then
        DIST=$(realpath "$BENCH_DIST")
    else
        DIST=$WORK/dist
        trunk build --release --dist "$DIST"
    fi
    [ -d tests/node_modules/playwright-core ] || (cd tests && npm ci --no-audit --no-fund)
    if [ "$PAGEFIND" = 1 ] && [ ! -x "$PAGEFIND_BIN" ]; then
        (cd tests/bench && npm install --no-audit --no-fund)
    fi
    rm -rf "$OUT" && mkdir -p "$OUT" "$WORK"
}

import_corpus() { # NAME CONTENT
    # The old copy is deleted after the builds (drop_aside): see tests/bench/build.mjs on why
    # the file system should not free many inodes right before a timed build.
    rm -rf "$2.aside"
    [ ! -d "$2" ] || mv "$2" "$2.aside"
    case $1 in
        laws) "$BIN" import lawrefbook "$CORPUS" "$2" ;; # under a second
        *) heavy "$BIN" import synth --from "$CORPUS" --items "$ITEMS_100K" "$2" ;;
    esac
}

native() { # NAME SITE
    step "[$1] native query latency (criterion)"
    # shellcheck disable=SC2086 # CRITERION_ARGS is a list of flags
    CRITERION_HOME=$OUT/criterion GONGKAI_BENCH_SITE=$2 GONGKAI_BENCH_GROUP=query-$1 \
        heavy cargo bench -p gongkai --bench query -- $CRITERION_ARGS >"$OUT/$1/criterion.log" 2>&1 ||
        { tail -n 30 "$OUT/$1/criterion.log"; return 1; }
    node tests/bench/criterion.mjs "$OUT/criterion" "query-$1" "$OUT/$1/native.json"
}

pagefind() { # NAME SITE
    local pf=$WORK/$1/pagefind-site
    step "[$1] Pagefind 1.6.0: HTML pages, index, browser"
    node tests/bench/pagefind-site.mjs html "$2" "$pf"
    heavy node tests/bench/build.mjs pagefind "$PAGEFIND_BIN" "$pf" "$PAGEFIND_RUNS" "$OUT/$1/pagefind-build.json"
    node tests/bench/pagefind-site.mjs twins "$pf"
    PAGEFIND_SITE=$pf GONGKAI_BIN=$BIN OUT=$OUT/$1/pagefind-browser.json heavy node tests/bench/pagefind.mjs
}

corpus() { # NAME
    local name=$1 dir=$WORK/$1 runs=$BUILD_RUNS
    [ "$name" = 100k ] && runs=$BUILD_RUNS_100K
    mkdir -p "$OUT/$name"
    step "[$name] import"
    import_corpus "$name" "$dir/content"
    step "[$name] full builds ($runs)"
    heavy node tests/bench/build.mjs full "$BIN" "$dir/content" "$dir/site" "$DIST" "$runs" "$OUT/$name/build.json"
    if [ "$name" = laws ]; then
        step "[$name] one-file incremental rebuilds ($INCR_RUNS)"
        heavy node tests/bench/build.mjs incremental "$BIN" "$dir/content" "$dir/inc-site" "$DIST" "$INCR_RUNS" "$OUT/$name/incremental.json"
    fi
    rm -rf "$dir/content.aside"
    native "$name" "$dir/site"
    step "[$name] browser: gongkai"
    GONGKAI_SITE=$dir/site GONGKAI_BIN=$BIN OUT=$OUT/$name/browser.json heavy node tests/bench/search.mjs
    if [ "$PAGEFIND" = 1 ] && { [ "$name" = laws ] || [ "$PAGEFIND_100K" = 1 ]; }; then
        pagefind "$name" "$dir/site"
    fi
}

prepare
step "code sizes"
node tests/bench/sizes.mjs "$DIST" "$OUT/sizes.json"
for name in $CORPORA; do corpus "$name"; done
[ -f "$OUT/laws/pagefind-build.json" ] && node tests/bench/sizes.mjs "$DIST" "$OUT/sizes.json" "$WORK/laws/pagefind-site/pagefind" >/dev/null
step "report"
node tests/bench/report.mjs "$OUT"
