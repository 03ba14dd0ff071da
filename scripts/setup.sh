#!/usr/bin/env bash
# Shared set-up steps for scripts/run.sh and scripts/test.sh.

# Installs the Debian packages given that are not installed yet.
install_system_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Stops with a clear message when there is no Rust toolchain.
require_cargo() {
    if ! command -v cargo >/dev/null 2>&1; then
        [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "setup: cargo is not installed; install Rust 1.85 or later (rustup) and run again" >&2
        exit 1
    fi
}

# Installs rustfmt and clippy, which the tests run, through rustup when the
# toolchain lacks them; stops with a clear message when there is no rustup.
require_rust_lints() {
    cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1 && return 0
    if ! command -v rustup >/dev/null 2>&1; then
        echo "setup: cargo fmt and cargo clippy are required; install the rustfmt and clippy components of your Rust toolchain and run again" >&2
        exit 1
    fi
    echo "setup: installing rustfmt and clippy" >&2
    rustup component add rustfmt clippy
}

# The system libraries the desktop app builds and runs with.
APP_PACKAGES=(libwebkit2gtk-4.1-dev pkg-config libssl-dev)

# Stops with a clear message when there is no Node.js 20 or later with npm
# (the machine image has one; Debian's own nodejs is too old for Vite).
require_node() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "setup: Node.js 20 or later with npm is required to build the UI" >&2
        exit 1
    fi
}

# Installs the UI's npm packages when package-lock.json changed since the
# last install, then builds the UI into ui/dist, which the app embeds.
build_ui() {
    require_node
    local stamp=ui/node_modules/.pledge-lock
    local want
    want="$(sha256sum ui/package-lock.json | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        (cd ui && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
        echo "$want" > "$stamp"
    fi
    (cd ui && npm run --silent build -- --logLevel error >/dev/null)
}
