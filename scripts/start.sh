#!/usr/bin/env bash
# The main job: set up, build, and serve the dashboard on http://127.0.0.1:8080 with a sample
# database loaded in the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh wasm
exec node scripts/serve.mjs "$@"
