#!/usr/bin/env bash
# Installs what PeerPath needs to build, serve and test, skipping whatever is already there.
#   scripts/setup.sh          tools to build and serve the app
#   scripts/setup.sh --test   also Chromium, chromedriver and the browser-test packages
# Nothing is downloaded at build time: trunk runs offline with the tools installed here.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

say() { printf '\n==> %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (once; about 10-15 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependencies is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt (binaryen 132) for trunk, Playwright and axe-core for the browser tests: npm.
if [ ! -x node_modules/.bin/wasm-opt ] || ! cmp -s package-lock.json node_modules/.peerpath-lock 2>/dev/null; then
  say "installing npm packages (binaryen, playwright-core, axe-core, scorm-again, xapi-validation, lighthouse)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.peerpath-lock
fi

if $want_test; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/xmllint ]; then
    say "installing Debian's chromium, chromium-driver and xmllint (the package tests validate manifests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium chromium-driver libxml2-utils
  fi
fi
# A real LRS for the xAPI and cmi5 tests: Ralph (PyPI), in a venv of its own. It imports
# `requests` without declaring it.
if $want_test && ! .venv-ralph/bin/python -c "import ralph.api, requests" 2>/dev/null; then
  say "installing the Ralph LRS (ralph-malph) in .venv-ralph"
  rm -rf .venv-ralph
  if ! python3 -m venv .venv-ralph 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q python3-venv
    python3 -m venv .venv-ralph
  fi
  .venv-ralph/bin/pip install --quiet --disable-pip-version-check 'ralph-malph[lrs,cli]==5.1.0' 'requests>=2,<3'
fi

say "setup done"
