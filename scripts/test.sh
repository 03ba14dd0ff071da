#!/usr/bin/env bash
# Runs every test of Pledge on a fresh Debian 12 machine: installs what the
# tests need (system packages through apt-get, rustfmt and clippy, the UI's
# npm packages, tauri-driver), builds the UI, checks formatting and lints
# (rustfmt, clippy and svelte-check, warnings as errors), then runs the
# Rust tests (the app's end-to-end tests among them, under Xvfb) and the
# UI's unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
install_system_packages poppler-utils qpdf libreoffice-writer-nogui hyphen-en-us hyphen-fr "${APP_PACKAGES[@]}" xvfb webkit2gtk-driver
require_cargo
require_rust_lints
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "setup: installing tauri-driver" >&2
    cargo install tauri-driver --locked --quiet
fi
build_ui

# Formatting and lints are tests: a warning fails the run like an error.
# Clippy checks the app crate too, which embeds the UI built above.
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked --quiet -- -D warnings
(
    cd ui
    # svelte-check is quiet when the UI type-checks without a warning and
    # prints why when not.
    out="$(npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings 2>&1)" || { echo "$out"; exit 1; }
    npx vitest run --silent
)
cargo test --workspace --locked --exclude pledge-e2e
# The end-to-end tests drive the debug app; they start their own Xvfb when
# there is no display.
cargo build --locked --quiet -p pledge-app
cargo test --locked -p pledge-e2e
