#!/usr/bin/env bash
# Debian packages the project needs beyond Python itself, installed only when missing.
#   venv      python3-venv: `make` creates the project's environment with `python3 -m venv`
#   chromium  chromium: browser tests drive Debian's Chromium, never a downloaded browser
#   postgresql  postgresql: the store tests start a throw-away server of their own from its
#             binaries (tests/support/postgres.py); they never use the cluster it sets up
#   nginx     nginx: the reverse proxy of deploy/ (replicas with sticky sessions), tested on loopback
#   fonts     fonts-dejavu-core: the font the PDF reports embed (analysis/report/typeset.py)
# Usage: scripts/ensure-system-packages.sh [venv] [chromium] [postgresql] [nginx] [fonts]   (all when none named)
# Needs root or sudo when something must be installed.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(venv chromium postgresql nginx fonts)
missing=()
for need in "${wanted[@]}"; do
  case "$need" in
    venv) python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    nginx) [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx) ;;
    fonts) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core) ;;
    postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql) ;;
    *) echo "unknown need: $need" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -gt 0 ] || exit 0
echo "Installing Debian packages: ${missing[*]}…" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
