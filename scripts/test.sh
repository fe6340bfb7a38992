#!/usr/bin/env bash
# Sets up (idempotently) and runs every PeerPath test: lints, the engine's purity, native
# tests, in-browser tests (wasm-bindgen-test in headless Chromium) and end-to-end tests
# (Playwright + axe-core against the release build). Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
# Two cores: keep cargo from oversubscribing them.
export CARGO_BUILD_JOBS=2
# Property tests explore the same cases on every run, so CI is reproducible; run
# `PROPTEST_RNG_SEED=<another number> scripts/test.sh` to explore further.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261130}"

step() { printf '\n==> %s\n' "$*"; }
# Every test runner's output is also kept here, to count what ran at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step "formatting"
cargo fmt --all --check

step "the engine stays free of UI and browser crates"
forbidden=$(cargo tree -p peerpath-engine -e normal,build --prefix none \
  | grep -oE '^(yew|yew-router|web-sys|gloo[a-z-]*|wasm-bindgen[a-z-]*|js-sys) ' | sort -u || true)
if [ -n "$forbidden" ]; then
  echo "peerpath-engine depends on: $forbidden" >&2
  exit 1
fi
echo "ok: no yew, web-sys, gloo, wasm-bindgen or js-sys under peerpath-engine"

step "clippy (native crates, then the app for wasm)"
cargo clippy -p peerpath-engine -p peerpath-cli --all-targets -- -D warnings
cargo clippy -p peerpath-web --target wasm32-unknown-unknown --all-targets -- -D warnings
# The engine as the player builds it (no TOML module reader, no Markdown parser), and the
# module reader worker.
cargo clippy -p peerpath-engine --no-default-features --features site -- -D warnings
cargo clippy -p peerpath-reader --target wasm32-unknown-unknown -- -D warnings

step "rustdoc (engine and checker; any warning fails)"
RUSTDOCFLAGS="-D warnings" cargo doc -p peerpath-engine -p peerpath-cli --no-deps

step "native tests: engine and checker"
cargo test -p peerpath-engine -p peerpath-cli 2>&1 | tee -a "$log"

step "the shipped modules pass the checker"
cargo run -q -p peerpath-cli -- check modules/

step "in-browser tests (headless Chromium)"
cargo test --target wasm32-unknown-unknown -p peerpath-web --test web 2>&1 | tee -a "$log"

step "release build"
trunk build --release

step "end-to-end tests (Playwright + axe-core, headless Chromium)"
node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee -a "$log"

rust=$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{ n += $4 } END { print n + 0 }')
browser=$(grep -oE '^# pass [0-9]+' "$log" | awk '{ n += $3 } END { print n + 0 }')
step "all tests passed ($rust Rust tests natively and in Chromium, $browser end-to-end)"
echo "tests: $((rust + browser)) passed, 0 failed"
