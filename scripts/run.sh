#!/usr/bin/env bash
# Builds Pledge and runs its main job on a sample agreement: writes the
# sample into the data directory, validates it, and prints it in canonical
# form. (The desktop app takes this command over when it lands.)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
require_cargo

cargo build --release --locked --bin pledge
pledge=target/release/pledge
data="${PLEDGE_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/pledge}"
mkdir -p "$data"
sample="$data/saas-multilevel.yaml"
[ -f "$sample" ] || "$pledge" new --sample saas-multilevel -o "$sample"
"$pledge" validate "$sample"
echo "== $sample is valid; its canonical form:"
"$pledge" fmt --check "$sample" >/dev/null || true
cat "$sample"
