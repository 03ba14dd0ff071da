#!/usr/bin/env bash
# Builds Pledge and opens its desktop app: installs what the app needs on a
# fresh Debian 12 machine (system libraries, the UI's npm packages), builds
# the UI, the app and the `pledge` command, puts the sample agreements in
# the library's SQLite database on first run, then starts the app.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
install_system_packages "${APP_PACKAGES[@]}"
require_cargo
build_ui
cargo build --release --locked --quiet -p pledge-app -p pledge

# The library: $PLEDGE_DATA_DIR, else $XDG_DATA_HOME/pledge, else ~/.local/share/pledge.
target/release/pledge store import templates/samples >/dev/null
target/release/pledge store list

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: built target/release/pledge-app, but there is no display to open it on;" >&2
    echo "     run this from a desktop session (or try it headless with: xvfb-run -a scripts/run.sh)" >&2
    exit 1
fi
exec target/release/pledge-app "$@"
