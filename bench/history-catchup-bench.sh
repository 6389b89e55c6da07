#!/usr/bin/env bash
# A first collection of a large Chromium profile (VISITS visits, default 1,000,000) collected and classified by the
# agent, side by side with the sqlite3 command running the same query the agent's reader runs, on the same file.
# The agent runs in a JVM with the agent service's flags (24 MiB heap), classifying on a second thread beside the
# reading as the service's HistoryCycle does: the target figure. For comparison: the same on one thread, the
# collector without the classifier, the collect()/commit() rounds the service's HistoryCycle makes today, the
# service's flags without their heap limits, the JVM's default flags (C2 compiler, large heap), the same query
# through sqlite-jdbc with nothing else done, and the same join read from the file in Java with no SQLite at all
# (ChromiumFileScanBench: the floor for any reader in this JVM). Prints visits/s, the ratio to
# sqlite3 (target >= 0.5), heap, and the agent's time in collection (copy, SQLite, cursors) and in classification.
# About 3 minutes on 2 cores. Build first: ./mvnw -q -B package -DskipTests
# Environment: VISITS, RUNS (sqlite3 runs, median taken; default 3), JVM_FLAGS, KEEP=1 keeps the database.
set -euo pipefail
cd "$(dirname "$0")/.."
VISITS=${VISITS:-1000000}
RUNS=${RUNS:-3}
JAR=agent/target/nestguard-agent.jar
# The flags the agent service runs with (bench/check-bench.sh).
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms4m -Xmx24m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -q -B package -DskipTests first" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }

ROOT=${TMPDIR:-/tmp}/nestguard-history-catchup
HISTORY=$ROOT/home/tester/.config/chromium/Default/History
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$(dirname "$HISTORY")" bench/out
[ -f "$HISTORY" ] && [ "$(sqlite3 "$HISTORY" 'SELECT count(*) FROM visits')" = "$VISITS" ] \
  || bash bench/make-chromium-history.sh "$HISTORY" "$VISITS"
javac -cp "$JAR" -d bench/out bench/HistoryCatchUpBench.java bench/ChromiumFileScanBench.java

# (a) the reference: the reader's own SQL for a first read, every row printed to /dev/null by sqlite3
SQL=$(java -cp "$JAR:bench/out" HistoryCatchUpBench sql "$HISTORY")
echo "reference query: $SQL"
cat "$HISTORY" > /dev/null # both read from the page cache
times=()
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  sqlite3 "$HISTORY" "$SQL" > /dev/null
  times+=($(( $(date +%s%N) - start )))
done
ref_ns=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v ns="$ref_ns" -v n="$VISITS" -v all="${times[*]}" 'BEGIN {
  printf "reference sqlite3: %d rows, median %.2f s of %d runs (%s ns), %.0f rows/s\n", n, ns / 1e9, split(all, a, " "), all, n / (ns / 1e9) }'

# (b) the agent: collectAll() with classification under the service's flags (the target figure), the collector alone,
# collect()/commit() rounds as the service's HistoryCycle calls them today, and collectAll() with the JVM's defaults;
# then (c) sqlite-jdbc alone on the same query, the floor for any reader on that driver.
report() { # label, output of a run
  local agent_s
  agent_s=$(echo "$2" | awk '/^agent seconds:/ {print $3}')
  echo "$2" | grep -v '^agent seconds:\|^  \.\.\.' | sed "s/^/$1 /"
  awk -v a="$agent_s" -v r="$ref_ns" -v n="$VISITS" -v l="$1" 'BEGIN {
    printf "%s ratio to sqlite3 (visits/s over rows/s): %.2f  [%.0f vs %.0f]\n", l, (n / a) / (n / (r / 1e9)), n / a, n / (r / 1e9) }'
}
CP="$JAR:bench/out"
# shellcheck disable=SC2086
report "[service flags]" "$(java $JVM_FLAGS -cp "$CP" HistoryCatchUpBench run "$ROOT" "$VISITS")"
# shellcheck disable=SC2086
report "[service flags, one thread]" "$(java $JVM_FLAGS -Dpipeline=false -cp "$CP" HistoryCatchUpBench run "$ROOT" "$VISITS")"
# shellcheck disable=SC2086
report "[service flags, no classifier]" "$(java $JVM_FLAGS -Dclassify=false -Dpipeline=false -cp "$CP" HistoryCatchUpBench run "$ROOT" "$VISITS")"
# shellcheck disable=SC2086
report "[service flags, collect() rounds]" "$(java $JVM_FLAGS -cp "$CP" HistoryCatchUpBench run "$ROOT" "$VISITS" rounds)"
# The same flags without the heap limits: the collector's and classifier's own speed, apart from a small heap's GCs
DEFAULT_HEAP_FLAGS=$(echo "$JVM_FLAGS" | tr ' ' '\n' | grep -v -e '^-Xm[sx]' -e 'HeapFreeRatio' | tr '\n' ' ')
# shellcheck disable=SC2086
report "[service flags, default heap]" "$(java $DEFAULT_HEAP_FLAGS -cp "$CP" HistoryCatchUpBench run "$ROOT" "$VISITS")"
report "[JVM defaults]" "$(java -cp "$CP" HistoryCatchUpBench run "$ROOT" "$VISITS")"
# shellcheck disable=SC2086
out=$(java $JVM_FLAGS -cp "$CP" HistoryCatchUpBench jdbc "$HISTORY")
echo "$out" | grep -v '^jdbc seconds:' | sed 's/^/[service flags] /'
jdbc_s=$(echo "$out" | awk '/^jdbc seconds:/ {print $3}')
awk -v a="$jdbc_s" -v r="$ref_ns" 'BEGIN { printf "[service flags] sqlite-jdbc alone, ratio to sqlite3: %.2f\n", (r / 1e9) / a }'
# (d) the join read from the file's B-trees in Java, no SQLite: the same rows (its checksum is sqlite-jdbc's)
# shellcheck disable=SC2086
scan=$(java $JVM_FLAGS -cp "$CP" ChromiumFileScanBench "$HISTORY")
echo "$scan" | grep -v '^scan seconds:' | sed 's/^/[service flags] /'
[ "$(echo "$scan" | awk '/^scan checksum:/ {print $3}')" = "$(echo "$out" | awk '/^jdbc checksum:/ {print $3}')" ] \
  || { echo "the file scan read other rows than the reader's query: its checksum differs" >&2; exit 1; }
scan_s=$(echo "$scan" | awk '/^scan seconds:/ {print $3}')
awk -v a="$scan_s" -v r="$ref_ns" 'BEGIN { printf "[service flags] file scan (no SQLite), ratio to sqlite3: %.2f\n", (r / 1e9) / a }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "${KEEP:-0}" = 1 ] || rm -rf "$ROOT"
