#!/usr/bin/env bash
# Debian packages the test suite needs. Installs what is missing (as root, or with sudo);
# otherwise says what to install and fails, so that no test is silently skipped.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core poppler-utils libreoffice-writer-nogui)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "Нужны пакеты Debian: ${missing[*]}. Установите их: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Устанавливаю пакеты Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
