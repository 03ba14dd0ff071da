#!/usr/bin/env bash
# Measures the app's cold start to an interactive library screen, N times
# (default 5): from exec to the moment the enabled "Create" button is on
# screen (it takes the accent colour only once the samples arrived over IPC).
# Runs under its own Xvfb at 1280x800; needs xvfb and imagemagick.
# Usage: scripts/measure-startup.sh [binary] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in Xvfb import; do
    command -v "$tool" >/dev/null || { echo "measure-startup: $tool is missing (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
bin="${1:-target/debug/pledge-app}"
runs="${2:-5}"
display=":$((100 + $$ % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill -TERM $xvfb' EXIT
sleep 1
export DISPLAY="$display"
times=()
for _ in $(seq "$runs"); do
    data="$(mktemp -d)"
    start=$(date +%s%N)
    PLEDGE_DATA_DIR="$data" LANG=en_US.UTF-8 "$bin" >/dev/null 2>&1 &
    app=$!
    until [ "$(import -window root -crop 1x1+300+107 txt:- 2>/dev/null | grep -o 'srgb([0-9,]*)' | tail -1)" = "srgb(31,78,121)" ]; do
        [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 60000 ] || { echo "no library screen after 60 s" >&2; exit 1; }
    done
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    kill -TERM "$app"; wait "$app" 2>/dev/null || true
    rm -rf "$data"
    sleep 1
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "cold start to interactive library (ms): $(echo $sorted)"
echo "median: $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms"
