#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, clang 14) and runs each for SECONDS (default 30)
# from its checked-in seed corpus (tests/fuzz/corpus/<target>, copied to a scratch folder so
# the repository's corpus stays small). Exits non-zero on the first crash, leak or timeout;
# the reproducer is left as crash-*/leak-*/timeout-* in the scratch folder and its path printed.
# For hours of local fuzzing: tests/fuzz/run.sh 14400
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
scratch=$(mktemp -d)
status=0
for target in build/fuzz/tests/fuzz/fuzz_*; do
  [ -f "$target" ] && [ -x "$target" ] || continue # skip the *_autogen folders
  name=$(basename "$target")
  work="$scratch/$name"
  mkdir -p "$work/corpus"
  [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/corpus/"
  dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="$PWD/tests/fuzz/$name.dict")
  echo "== $name: ${seconds}s"
  if ! (cd "$work" && ASAN_OPTIONS=detect_leaks=1 "$OLDPWD/$target" "${dict[@]}" -max_total_time="$seconds" \
        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus > log 2>&1); then
    echo "FUZZ FAILURE in $name:"; tail -40 "$work/log"; status=1
  else
    grep -E '^stat::number_of_executed_units' "$work/log" | sed "s/^/   $name /"
  fi
done
[ $status -eq 0 ] && rm -rf "$scratch" || echo "reproducers kept in $scratch"
exit $status
