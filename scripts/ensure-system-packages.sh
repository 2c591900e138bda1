#!/usr/bin/env bash
# Debian packages the project needs beyond Python itself, installed only when missing.
#   venv      python3-venv: `make` creates the project's environment with `python3 -m venv`
#   chromium  chromium: browser tests drive Debian's Chromium, never a downloaded browser
# Usage: scripts/ensure-system-packages.sh [venv] [chromium]   (both when none is named)
# Needs root or sudo when something must be installed.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(venv chromium)
missing=()
for need in "${wanted[@]}"; do
  case "$need" in
    venv) python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    *) echo "unknown need: $need" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -gt 0 ] || exit 0
echo "Installing Debian packages: ${missing[*]}…" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
