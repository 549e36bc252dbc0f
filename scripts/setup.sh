#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test gongkai.
# Idempotent: every step checks first and skips what is already there.
# Usage: scripts/setup.sh [--browser]   (--browser adds Chromium, fonts, playwright)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TOOLS="$ROOT/.tools"
want_browser=0
for a in "$@"; do [ "$a" = "--browser" ] && want_browser=1; done

say() { printf '[setup] %s\n' "$*" >&2; }
sudo_if() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust target for the app and the search worker.
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.21.14 (0.22 needs a newer rustc).
if ! trunk --version 2>/dev/null | grep -q '0.21.14'; then
  say "installing trunk 0.21.14 (about 10 minutes)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate pinned in Cargo.lock.
if ! wasm-bindgen --version 2>/dev/null | grep -q '0.2.130'; then
  say "installing wasm-bindgen-cli 0.2.130"
  cargo install wasm-bindgen-cli --version 0.2.130 --locked \
    || cargo install wasm-bindgen-cli --version 0.2.130
fi

# wasm-opt from npm binaryen 132 (never Debian's binaryen 108: it breaks the app).
if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
  say "installing binaryen@132.0.0 into .tools"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent binaryen@132.0.0)
fi

if [ "$want_browser" = 1 ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    say "apt installing ${need[*]}"
    sudo_if apt-get update -qq
    sudo_if env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
  if [ ! -d "$ROOT/tests/node_modules/playwright-core" ]; then
    say "installing browser-test packages (npm ci in tests/)"
    (cd "$ROOT/tests" && npm ci --no-audit --no-fund --silent)
  fi
fi
say "ready"
