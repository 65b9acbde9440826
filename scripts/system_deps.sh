#!/usr/bin/env bash
# Installs the Debian packages the guide needs, or says exactly how to.
# Usage: system_deps.sh [pango] [chromium] [poppler] [nginx]
set -euo pipefail

declare -A package=(
  [pango]="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
  [chromium]="chromium"
  [poppler]="poppler-utils"
  [nginx]="nginx-light"
)

present() {
  case "$1" in
    pango) ldconfig -p | grep -q 'libpango-1.0.so.0' && ldconfig -p | grep -q 'libpangoft2-1.0.so.0' ;;
    chromium) command -v chromium >/dev/null ;;
    poppler) command -v pdftoppm >/dev/null ;;
    nginx) command -v nginx >/dev/null ;;
  esac
}

missing=()
for need in "$@"; do
  present "$need" || missing+=(${package[$need]})
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing system packages. Install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
