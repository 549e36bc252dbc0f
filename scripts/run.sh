#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build the sample content, serve it.
# Usage: scripts/run.sh [PORT]     (default 8080; 0 picks a free port)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/setup.sh
echo "[run] building the app (trunk build --release)" >&2
trunk build --release >&2
echo "[run] building the gongkai CLI" >&2
cargo build --release -p gongkai >&2
target/release/gongkai build --content content --out site --app dist
exec target/release/gongkai serve --site site --port "${1:-8080}"
