#!/usr/bin/env bash
# Runs every test of Pledge on a fresh Debian 12 machine: installs what the
# tests need (system packages through apt-get), then runs the test suites.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
install_system_packages poppler-utils qpdf
require_cargo

cargo test --workspace --locked
