#!/usr/bin/env bash
# Fuzzes the bundle reader (fuzz/) for a bounded time: scripts/fuzz.sh [SECONDS, default 60].
# Needs a nightly toolchain; installs cargo-fuzz if it is missing. Skips (exit 0) without nightly,
# so CI on a stable-only machine is not blocked.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz: no nightly toolchain installed; skipped"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

# The seeds must be what fuzz/src/lib.rs makes today, or the fuzzer starts from refused input.
cargo test --manifest-path fuzz/Cargo.toml --lib --quiet

# Seed the corpus with real bundles so mutations start from valid structure.
corpus=fuzz/corpus/bundle_reader
mkdir -p "$corpus"
cp fuzz/seeds/* "$corpus"/ 2>/dev/null || true

cd fuzz
cargo +nightly fuzz run bundle_reader "../$corpus" -- -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1
