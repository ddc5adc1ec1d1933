#!/usr/bin/env bash
# Ensures the system packages the tests need: PostgreSQL server binaries (the test fixture starts a
# throwaway cluster), Chromium (the end-to-end tests drive /usr/bin/chromium-headless-shell, the browser-latency
# driver the full /usr/bin/chromium; Playwright never downloads a browser) and
# Noto CJK fonts (Chinese text in screenshots). As root, installs what is missing, quietly, with apt;
# otherwise names what is missing and how to install it, and exits 1. Used by .ci/run and ./test.sh.
set -euo pipefail

missing=()
have_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1
}
have_deb() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
have_postgres || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
have_deb fonts-noto-cjk || missing+=(fonts-noto-cjk)
have_deb python3-websockets || missing+=(python3-websockets)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing prerequisites: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "Installing missing prerequisites: ${missing[*]}"
log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
# Another apt run may hold the dpkg lock: wait for it rather than fail.
if ! { apt-get -qq -o DPkg::Lock::Timeout=600 update \
       && apt-get -qq -y -o DPkg::Lock::Timeout=600 install --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  rm -f "$log"
  echo "apt-get failed to install: ${missing[*]}" >&2
  exit 1
fi
rm -f "$log"
