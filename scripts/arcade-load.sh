#!/usr/bin/env bash
# Arcade API under load from outside, as an arcade hall would make it: starts the app (LoadDriver arcade-serve) on the
# given PostgreSQL database, then runs wrk against POST /api/arcade/v1/transactions at each connection count.
# Usage: scripts/arcade-load.sh "<connection string>" [seconds=20] [connections="1 32 64 128"] [warm-up seconds=60]
# Needs wrk (sudo apt-get install -y wrk). Every request is a distinct, journaled play (fsync as PostgreSQL is set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
conn=${1:?usage: scripts/arcade-load.sh "<connection string>" [seconds] [connections]}
seconds=${2:-20}
connections=${3:-"1 32 64 128"}
warmup=${4:-60}
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 2; }

dotnet build CampTrading.LoadDriver -c Release -v q -nologo >/dev/null
out=$(mktemp); fifo=$(mktemp -u); mkfifo "$fifo"
CampTrading.LoadDriver/bin/Release/net10.0/CampTrading.LoadDriver arcade-serve --conn "$conn" <"$fifo" >"$out" 2>&1 &
server=$!
exec 3>"$fifo"  # hold stdin open; closing it stops the server
trap 'exec 3>&-; wait $server 2>/dev/null || true; rm -f "$out" "$fifo"' EXIT
until grep -q '^students=' "$out"; do
  kill -0 $server 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.5
done
url=$(sed -n 's/^url=//p' "$out"); export ARCADE_KEY=$(sed -n 's/^key=//p' "$out")
range=$(sed -n 's/^students=//p' "$out"); export ARCADE_FIRST=${range%%..*} ARCADE_LAST=${range##*..}

# Warm-up at 64 connections: on two busy cores the runtime goes on compiling (tiering up) the request path for tens of
# seconds after it first runs hot; a server up all day has long finished that.
wrk -t 2 -c 64 -d "${warmup}s" -s scripts/arcade-wrk.lua "$url" >/dev/null
echo "| connections | acknowledged/s | p50 | p99 | max | non-2xx |"
echo "|---:|---:|---:|---:|---:|---:|"
for c in $connections; do
  threads=$(( c < 2 ? 1 : 2 ))
  result=$(wrk -t "$threads" -c "$c" -d "${seconds}s" --latency -s scripts/arcade-wrk.lua "$url")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$result")
  p50=$(awk '$1=="50%" {print $2}' <<<"$result"); p99=$(awk '$1=="99%" {print $2}' <<<"$result")
  max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' <<<"$result")
  bad=$(awk '/Non-2xx/ {print $5}' <<<"$result")
  echo "| $c | $rps | $p50 | $p99 | $max | ${bad:-0} |"
done
