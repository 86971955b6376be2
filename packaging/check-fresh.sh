#!/usr/bin/env bash
# Proves that the README's two commands work on a new Debian 12 machine: builds a minimal
# Debian 12 root with mmdebstrap, copies `git archive` of the commit under test into it (not the
# working tree: untracked files cannot help), and inside it runs packaging/deps-debian.sh, the
# CMake configure of every preset, the whole default build, `callvia --version`, a headless start
# answering GET /healthz, the .deb (cpack -G DEB, dpkg -i into the root, appstreamcli validate of
# its metainfo, the INSTALLED /usr/bin/callvia's --version and a headless start as the package's
# `callvia` user answering /healthz), one quick Qt Test suite per layer, and the first README command
# (packaging/run.sh) under Xvfb through the real first-run path (demo data, first administrator)
# to a screenshot of the main window. Nothing installed on this machine by hand can help: the
# root starts with Debian's "apt" variant only. Prints how long each step took; exits non-zero
# naming the step that failed.
#
# Usage (as root): bash packaging/check-fresh.sh [REV]     (REV defaults to HEAD)
# Environment: CALLVIA_FRESH_CACHE  folder kept between runs for downloaded .debs (default
#              /var/cache/callvia-fresh); the ccache folder is bind-mounted so a second run
#              compiles only what changed. CALLVIA_FRESH_OUT: where the screenshot and logs are
#              copied (default build/fresh-root).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
[ "$(id -u)" -eq 0 ] || { echo "check-fresh: run as root (mmdebstrap and chroot need it)" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { echo "check-fresh: mmdebstrap missing (CALLVIA_WITH_FRESH_CHECK=1 bash packaging/deps-debian.sh)" >&2; exit 2; }

cache=${CALLVIA_FRESH_CACHE:-/var/cache/callvia-fresh}
out=${CALLVIA_FRESH_OUT:-$PWD/build/fresh-root}
ccache_dir=${CCACHE_DIR:-$HOME/.cache/ccache}
mkdir -p "$cache/apt" "$out" "$ccache_dir"
root=$(mktemp -d /var/tmp/callvia-fresh.XXXXXX)
mounts=()

cleanup() {
    local status=$?
    # Unmount in reverse order, even after a failure, so rm never walks into /proc or the cache.
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount -l "${mounts[i]}" 2>/dev/null || true
    done
    if ! grep -q " $root" /proc/mounts; then
        rm -rf "$root"
    else
        echo "check-fresh: $root still has mounts; left in place" >&2
    fi
    exit "$status"
}
trap cleanup EXIT

total_start=$SECONDS
step() {
    local name=$1
    shift
    local start=$SECONDS
    echo "=== check-fresh: $name"
    if "$@"; then
        printf '=== check-fresh: %-34s ok   %4ds\n' "$name" $((SECONDS - start))
    else
        local status=$?
        printf '=== check-fresh: %-34s FAILED (exit %d) after %ds\n' "$name" "$status" $((SECONDS - start))
        echo "check-fresh: FAILED at step \"$name\"" >&2
        exit 1
    fi
}

bind() { # bind HOST_DIR ROOT_RELATIVE_DIR
    mkdir -p "$root/$2"
    mount --bind "$1" "$root/$2"
    mounts+=("$root/$2")
}

in_root() { # commands run in the root as root, with a clean environment
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI=true \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        CCACHE_DIR=/root/.cache/ccache CCACHE_BASEDIR=/src \
        /bin/bash -euo pipefail -c "cd /src && $1"
}

make_root() {
    # The same archive areas a new Debian 12 installation has; .debs are kept in $cache/apt.
    # Manuals and documentation are left out to save unpacking time; nothing builds or runs from them.
    mmdebstrap --variant=apt --skip=essential/unlink --skip=download/empty \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/info/*' \
        --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
        --setup-hook="sync-in $cache/apt /var/cache/apt/archives/" \
        --customize-hook="sync-out /var/cache/apt/archives $cache/apt" \
        bookworm "$root" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://deb.debian.org/debian-security bookworm-security main"
    mount -t proc proc "$root/proc"
    mounts+=("$root/proc")
    [ -e "$root/dev/null" ] || { echo "no /dev/null in the root" >&2; return 1; }
    bind "$cache/apt" var/cache/apt/archives
    bind "$ccache_dir" root/.cache/ccache
}

copy_source() {
    mkdir -p "$root/src"
    git archive --format=tar "$rev" | tar -x -C "$root/src"
    echo "source: $(git rev-parse --short "$rev") ($(git log -1 --format=%s "$rev" | cut -c1-60))"
}

install_deps() {
    # Everything CI needs: the fuzz group too, so its configure below proves clang is listed.
    in_root 'CALLVIA_WITH_FUZZ=1 bash packaging/deps-debian.sh'
}

configure() {
    # Every preset configures: the sanitizer and fuzz builds find their compilers and runtimes.
    in_root 'cmake --preset default >/dev/null && cmake --preset asan >/dev/null && cmake --preset fuzz >/dev/null'
}

build_all() {
    in_root 'cmake --build --preset default -j "$(nproc)" > /tmp/build.log 2>&1 || { tail -40 /tmp/build.log; exit 1; }
             { grep -i "warning:" /tmp/build.log || true; } | head -5   # none expected: shown, not fatal
             { ccache -s 2>/dev/null || true; } | grep -i "hits:" | head -1 || true'
}

version() {
    in_root './build/default/app/callvia --version'
}

headless_healthz() {
    # bash's /dev/tcp instead of curl: the check must not need a package the list does not name.
    in_root 'port=38787
        CALLVIA_ADMIN_USERNAME=admin CALLVIA_ADMIN_PASSWORD=fresh-root-check-1 \
            ./build/default/app/callvia --headless --database /tmp/headless.sqlite --listen 127.0.0.1:$port 2>/tmp/headless.log &
        pid=$!
        status=""
        for i in $(seq 1 100); do
            if exec 3<>/dev/tcp/127.0.0.1/$port 2>/dev/null; then
                printf "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3
                status=$(head -1 <&3 | tr -d "\r")
                exec 3<&-
                break
            fi
            sleep 0.1
        done
        kill -TERM $pid; wait $pid || { echo "headless exit status $?"; cat /tmp/headless.log; exit 1; }
        echo "GET /healthz: $status"
        [[ "$status" == "HTTP/1.1 200"* ]] || { cat /tmp/headless.log; exit 1; }'
}

install_deb() {
    # The package README "Install" describes, built from this build tree and installed with dpkg
    # (the root already has its dependencies from deps-debian.sh). The postinst makes `callvia`.
    in_root 'cd build/default && rm -f callvia_*.deb
        cpack -G DEB > /tmp/cpack.log 2>&1 || { tail -20 /tmp/cpack.log; exit 1; }
        deb=$(ls callvia_*.deb)
        echo "$deb: $(stat -c %s "$deb") bytes"
        dpkg-deb -f "$deb" Depends
        dpkg -i "$deb"
        getent passwd callvia
        appstreamcli validate --no-net /usr/share/metainfo/io.callvia.Callvia.metainfo.xml
        ls /usr/share/icons/hicolor/*/apps/callvia.* | wc -l | sed "s/$/ icons installed/"'
}

installed_version() {
    in_root 'cd / && [ "$(command -v callvia)" = /usr/bin/callvia ] && /usr/bin/callvia --version'
}

installed_headless() {
    # As the service runs it: the `callvia` user, its home /var/lib/callvia (the postinst makes
    # it; systemd's StateDirectory too), the default SQLite file in it, from / not the tree; then
    # the installed `callvia --check` on that database.
    in_root 'cd / && [ -d /var/lib/callvia ] && [ "$(stat -c %U /var/lib/callvia)" = callvia ]
        port=38788
        # setpriv execs (runuser would stand between kill and callvia and re-raise the signal).
        setpriv --reuid=callvia --regid=callvia --init-groups env -i HOME=/var/lib/callvia PATH=/usr/bin:/bin LANG=C.UTF-8 \
            CALLVIA_ADMIN_USERNAME=admin CALLVIA_ADMIN_PASSWORD=fresh-root-check-1 \
            /usr/bin/callvia --headless --listen 127.0.0.1:$port 2>/tmp/installed.log &
        pid=$!
        status=""
        for i in $(seq 1 100); do
            if exec 3<>/dev/tcp/127.0.0.1/$port 2>/dev/null; then
                printf "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3
                status=$(head -1 <&3 | tr -d "\r")
                exec 3<&-
                break
            fi
            sleep 0.1
        done
        kill -TERM $pid; wait $pid || { echo "installed headless exit status $?"; cat /tmp/installed.log; exit 1; }
        echo "GET /healthz: $status"
        [[ "$status" == "HTTP/1.1 200"* ]] || { cat /tmp/installed.log; exit 1; }
        ls -l /var/lib/callvia/.local/share/Callvia/Callvia/callvia.sqlite
        setpriv --reuid=callvia --regid=callvia --init-groups env -i HOME=/var/lib/callvia PATH=/usr/bin:/bin \
            LANG=C.UTF-8 /usr/bin/callvia --check 2>/dev/null | grep -v "^note"'
}

layer_tests() {
    # One quick suite per layer (models, services, ui) and the command-line end to end.
    in_root 'export QT_QPA_PLATFORM=offscreen
        ctest --preset default -R "^(tst_database|tst_csvreader|tst_clientdialog|tst_cli)$" --timeout 300 2>&1 | tail -8
        ctest --preset default -R "^(tst_database|tst_csvreader|tst_clientdialog|tst_cli)$" --timeout 300 >/dev/null'
}

first_run_screenshot() {
    # The first README command on a new user's first start: the demo-data question (Yes), the
    # first-administrator dialog (typed with xdotool), then the main window, photographed.
    in_root 'rm -rf /root/.local/share/Callvia /root/.config/Callvia
        xvfb-run -a -s "-screen 0 1280x800x24" bash -euo pipefail -c "
            bash packaging/run.sh > /tmp/run.log 2>&1 &
            pid=\$!
            wait_for() { for i in \$(seq 1 300); do xdotool search --onlyvisible --name \"\$1\" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo \"no window named \$1\"; cat /tmp/run.log; return 1; }
            wait_for \"Welcome to Callvia\"
            sleep 0.5; xdotool key Return
            wait_for \"Set up Callvia\"
            sleep 0.5
            xdotool type --delay 20 admin; xdotool key Tab
            xdotool type --delay 20 fresh-root-check-1; xdotool key Tab
            xdotool type --delay 20 fresh-root-check-1; xdotool key Return
            wait_for \"^Callvia$\"
            sleep 2
            import -window root /tmp/first-run.png
            kill \$pid || true
        "'
    cp "$root/tmp/first-run.png" "$out/first-run.png"
    echo "screenshot: $out/first-run.png"
}

step "make a minimal Debian 12 root" make_root
step "copy git archive of $rev" copy_source
step "packaging/deps-debian.sh" install_deps
step "cmake configure (default, asan, fuzz)" configure
step "cmake build (default, all targets)" build_all
step "callvia --version" version
step "callvia --headless + GET /healthz" headless_healthz
step "cpack -G DEB + dpkg -i" install_deb
step "installed /usr/bin/callvia --version" installed_version
step "installed callvia --headless + /healthz" installed_headless
step "Qt Test: one suite per layer" layer_tests
step "packaging/run.sh first run under Xvfb" first_run_screenshot
printf '=== check-fresh: all steps passed in %ds\n' $((SECONDS - total_start))
