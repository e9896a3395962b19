#!/usr/bin/env bash
# Every figure of BENCHMARKS.md in one run: builds the benchmarks and the CLI, waits for a quiet
# machine, then measures (about 25 minutes) and prints Markdown tables, also written to
# benchmarks/target/results/results.md beside JMH's own output.
#
#   benchmarks/run.sh            # the full run
#   benchmarks/run.sh --quick    # one short iteration of everything: checks that it works, figures mean nothing
#
# QUIET_LOAD (default 0.7) and QUIET_WAIT_SECONDS (default 600; 0 skips the wait): before measuring,
# the 1-minute load average is polled every 30 s until it is below QUIET_LOAD, for at most
# QUIET_WAIT_SECONDS; past that the run goes ahead and its header shows the load it ran under.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package -pl benchmarks,cli-demo -am

# Other builds in this tree may clean or rebuild target/ during the run: measure private copies.
work=$(mktemp -d "${TMPDIR:-/tmp}/imagegen4j-bench.XXXXXX")
trap 'mkdir -p benchmarks/target/results && cp -r "$work/results/." benchmarks/target/results/ 2>/dev/null || true; rm -rf "$work"' EXIT
cp benchmarks/target/benchmarks.jar cli-demo/target/imagegen.jar "$work/"

quiet_load=${QUIET_LOAD:-0.7}
wait_seconds=${QUIET_WAIT_SECONDS:-600}
waited=0
while :; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" -v q="$quiet_load" 'BEGIN { exit !(l < q) }'; then
    echo "[run] load average $load < $quiet_load: measuring"
    break
  fi
  if (( waited >= wait_seconds )); then
    echo "[run] load average still $load after ${waited}s: measuring anyway (the report shows the load)"
    break
  fi
  echo "[run] load average $load >= $quiet_load, waiting (${waited}s of ${wait_seconds}s)"
  sleep 30
  waited=$((waited + 30))
done

echo "## Machine"
echo
echo '```'
echo "code: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(git status --porcelain 2>/dev/null | wc -l) paths changed or new beside it"
echo "nproc: $(nproc); $(grep -m1 "model name" /proc/cpuinfo 2>/dev/null | sed "s/.*: //")"
free -h
java -version 2>&1
echo '```'
echo

java -cp "$work/benchmarks.jar" dev.imagegen4j.benchmarks.RunAll \
  --cli "$work/imagegen.jar" --out "$work/results" "$@"
