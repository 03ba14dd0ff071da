#!/usr/bin/env bash
# The long fuzzing run: mutated sample agreements and scenarios through the
# release `pledge` binary's validate, fmt, export (PDF and Markdown) and
# simulate, for SECONDS (default 600), each command limited to 5 s of CPU
# time (15 s of wall time) and 1 GiB of address space. Prints the figures at the end (cases, outcomes per
# command and class, slowest cases, peak memory) and writes a minimised
# reproducer of each new kind of failure under findings/. Exit 1 when any
# command failed.
#
#   scripts/fuzz.sh [SECONDS] [--seed S] [--first N] [--cases N] …
#
# A failure printed as "seed S case N" is generated again, alone, with
# `scripts/fuzz.sh 0 --seed S --first N --cases 1`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
cargo build --release --locked --quiet -p pledge --bin pledge
cargo build --locked --quiet -p pledge --example fuzz
exec target/debug/examples/fuzz --bin target/release/pledge --seconds "$seconds" \
    --time-limit 5 --memory-mib 1024 --findings findings "$@"
