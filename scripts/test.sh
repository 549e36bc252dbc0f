#!/usr/bin/env bash
# Every test on a fresh machine: install what is missing, then lint, unit/integration tests,
# the wasm32 build of core and app, and the end-to-end tests in headless Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/setup.sh --browser
step() { printf '\n=== %s\n' "$*" >&2; }

df -h "$ROOT" /tmp >&2 || true
step "format"
cargo fmt --all -- --check
step "clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32: core, the app as the browser builds it, both workers and their port)"
cargo clippy -p gongkai-core -p gongkai-app -p gongkai-sync-worker -p gongkai-search-worker -p gongkai-web \
  --features gongkai-app/hydrate --target wasm32-unknown-unknown -- -D warnings

step "cargo test (core, builder, app; includes the whole-corpus import)"
cargo test --workspace

step "browser tests: build the sample site and drive headless Chromium"
trunk build --release >&2
cargo build -p gongkai >&2
# The scale test builds a 100,000-item site: only a release build does that in minutes.
cargo build --release -p gongkai >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site=$work/site
target/debug/gongkai build --content content --out "$site" --app dist
GONGKAI_SITE="$site" GONGKAI_BIN="$ROOT/target/debug/gongkai" \
  GONGKAI_SCALE_BIN="$ROOT/target/release/gongkai" node --test tests/e2e/
