#!/usr/bin/env bash
# Installs every Debian package that building, running, testing, the sanitizer build, the fuzz
# build and CPack need on Debian 12 (Ubuntu 24.04 and other Debian-based systems use the same
# names), skipping the apt calls when all are present. Run as root or with sudo.
# Nothing the project needs may come from a machine's history: packaging/check-fresh.sh runs this
# script in a minimal Debian 12 root and builds and runs Callvia there (.ci/run does it first).
set -euo pipefail
packages=(
  # compiler, build system, compiler cache, git (git archive for check-fresh, version stamps)
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6 modules we link; Qt6Charts' CMake config needs Qt6OpenGL's, which only libqt6opengl6-dev has
  qt6-base-dev libqt6opengl6-dev libgl-dev qt6-charts-dev qt6-websockets-dev qt6-httpserver-dev
  # lupdate/lrelease for translations, Qt's own translations
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # Qt's own strings (standard buttons, file dialogs) in German and Spanish: qtbase_de.qm, qtbase_es.qm
  qt6-translations-l10n
  # run time: SQL drivers (SQLite default, PostgreSQL for teams) and the xcb platform plugin for the window
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
  # libraries: phone numbers (with the offline geocoder), ICU, OpenSSL 3 (hashing, AES-GCM, TLS), SQLite
  libphonenumber-dev libicu-dev libssl-dev libsqlite3-dev
  # OS keychain for the secrets key (QtKeychain) + tst_systemkeychain's private Secret Service
  qtkeychain-qt6-dev gnome-keyring dbus libsecret-tools
  # tests: the PostgreSQL half (server + psql), sqlite3 CLI (benchmarks' raw .import, tst_dbfaults)
  postgresql sqlite3
  # screenshots of the real window: virtual X server, xvfb-run's auth, typing into dialogs, `import`
  xvfb xauth xdotool imagemagick
  # CPack: dpkg-shlibdeps computes the .deb's dependencies from the linked libraries
  dpkg-dev file
  # packaging/check-fresh.sh validates the installed AppStream metainfo with appstreamcli
  appstream
)
if [ "${CALLVIA_WITH_FUZZ:-0}" = 1 ]; then
  # libFuzzer targets (tests/fuzz): clang 14 and its sanitizer/fuzzer runtimes
  packages+=(clang-14 libclang-rt-14-dev)
fi
if [ "${CALLVIA_WITH_FRESH_CHECK:-0}" = 1 ]; then
  # packaging/check-fresh.sh: builds the minimal Debian 12 root it tests in
  packages+=(mmdebstrap)
fi
if [ "${CALLVIA_WITH_GENERATORS:-0}" = 1 ]; then
  # regenerating the committed phone-prefix tables (services/importing/areacodezones.py,
  # services/compliance/areacodecandidates.py): Google's prefix -> zone and geocoder data
  packages+=(python3-phonenumbers)
fi
if [ "${CALLVIA_WITH_PROFILING:-0}" = 1 ]; then
  packages+=(linux-perf) # perf record/report, to profile the benchmarks (BENCHMARKS.md)
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
