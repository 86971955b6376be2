#!/usr/bin/env bash
# Installs what building, running and testing Callvia needs on Debian 12 / Ubuntu, skipping
# the apt calls when every package is already present. Run as root or with sudo.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-l10n-tools
  qt6-tools-dev-tools libqt6sql6-sqlite libqt6sql6-psql libgl-dev
  libphonenumber-dev libicu-dev libssl-dev sqlite3 libsqlite3-dev
  postgresql xvfb xauth
  qtkeychain-qt6-dev gnome-keyring dbus libsecret-tools # OS keychain + tst_systemkeychain's Secret Service
  imagemagick xdotool # screenshots of the window under Xvfb (import -window root) and clicks to reach a view
)
if [ "${CALLVIA_WITH_FUZZ:-0}" = 1 ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
