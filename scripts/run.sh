#!/usr/bin/env bash
# Builds Pledge and runs its main job: the library of agreements in its
# SQLite database, with the sample agreements imported on first run.
# (The desktop app takes this command over when it lands.)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
require_cargo

cargo build --release --locked --bin pledge
pledge=target/release/pledge
# The library: $PLEDGE_DATA_DIR, else $XDG_DATA_HOME/pledge, else ~/.local/share/pledge.
"$pledge" store import templates/samples
"$pledge" validate templates/samples/*.yaml
echo "== the library"
"$pledge" store list
echo "== the versions of saas-multilevel"
"$pledge" store log saas-multilevel
