#!/usr/bin/env bash
# First README command: install what is missing, build, and start Callvia on the embedded
# SQLite default (it offers demo data on first run). Extra arguments go to callvia.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/deps-debian.sh
cmake --preset default >/dev/null
cmake --build --preset default --target callvia
exec ./build/default/app/callvia "$@"
