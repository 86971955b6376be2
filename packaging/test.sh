#!/usr/bin/env bash
# Second README command: install what is missing, build everything and run the whole suite.
# PostgreSQL tests run when CALLVIA_TEST_PG_URL names a server (.ci/run starts one); otherwise
# they skip with a visible message. CALLVIA_SANITIZE=1 also builds and runs the suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (.ci/run sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/deps-debian.sh
jobs=$(nproc)
# Paths relative to the checkout, so ccache hits across clones in different folders.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
export QT_QPA_PLATFORM=offscreen
if [ -z "${CALLVIA_TEST_PG_URL:-}" ]; then
  echo "NOTE: CALLVIA_TEST_PG_URL is not set: the PostgreSQL half of the tests will SKIP (.ci/run starts a server)."
else
  echo "PostgreSQL tests run against the server named by CALLVIA_TEST_PG_URL."
fi
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"
ctest --preset default -j "$jobs" --timeout 600
if [ "${CALLVIA_SANITIZE:-0}" = 1 ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # tst_listenerlimits holds 5,000 idle connections in the default build; fewer under ASan.
  export CALLVIA_TEST_IDLE_CONNECTIONS=${CALLVIA_TEST_IDLE_CONNECTIONS:-2000}
  export CALLVIA_TEST_OUTBOX_ROWS=${CALLVIA_TEST_OUTBOX_ROWS:-2000} # two dispatchers on one PostgreSQL, lighter under ASan
  export CALLVIA_TEST_TEAM_WEBHOOKS=${CALLVIA_TEST_TEAM_WEBHOOKS:-2000} # tst_teamload's burst over two instances
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  ctest --preset asan -j "$jobs" --timeout 900
fi
