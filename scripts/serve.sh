#!/usr/bin/env bash
# Sets up (idempotently), builds the release app and serves it with the built-in modules on
# http://127.0.0.1:8080/ (another port: scripts/serve.sh --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk serve --release "$@"
