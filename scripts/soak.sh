#!/usr/bin/env bash
# The crash soak (issue 15), run by hand, not in CI: SIGKILLs the durable path under every kind of command CYCLES times,
# PostgreSQL's whole process group PG_KILLS of those times, then replays the journal and checks that nothing acknowledged
# was lost. CI runs a short version (CampTrading.Tests/Durability/SoakDriverTests). Usage:
#   scripts/soak.sh [cycles (100)] [postgres kills (20)]
# It makes a throwaway PostgreSQL cluster (durable settings: fsync and synchronous_commit on) in a temp folder and removes
# it afterwards. Needs the PostgreSQL server binaries (apt-get install postgresql). The last line is the verdict.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cycles=${1:-100}
pg_kills=${2:-20}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "PostgreSQL server binaries are missing: sudo apt-get install -y postgresql" >&2
  exit 2
fi

folder=$(mktemp -d /tmp/camp-soak-XXXXXX)
port=$((20000 + RANDOM % 20000))
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$folder"
cleanup() { as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$folder"; }
trap cleanup EXIT

as_owner "$bin/initdb" -D "$folder/data" -A trust -U postgres >/dev/null
as_owner "$bin/pg_ctl" -D "$folder/data" -o "-p $port -k $folder -c listen_addresses=127.0.0.1" -l "$folder/postgres.log" -w start >/dev/null

dotnet build CampTrading.LoadDriver -c Release -v quiet -nologo >/dev/null
CampTrading.LoadDriver/bin/Release/net10.0/CampTrading.LoadDriver soak \
  --conn "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  --cycles "$cycles" --pg-kills "$pg_kills" --pg-data "$folder/data" --pg-bin "$bin"
