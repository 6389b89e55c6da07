#!/usr/bin/env bash
# Measures a full `check` run on this Linux machine: wall time and peak RSS of the whole command (median of
# RUNS runs), the same for a JVM that only prints its version (the reference), and the time of a warm check
# cycle inside one JVM, as the running agent will do it. Build first: ./mvnw -q -B package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
POLICY=${POLICY:-policies/settings/ditton-junior.yaml}
JAR=agent/target/nestguard-agent.jar
# The flags the agent service is meant to run with: a small growable heap, the serial collector, the C1 compiler only.
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms4m -Xmx24m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1}
# glibc otherwise keeps a malloc arena per thread; two are plenty for an agent.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -q -B package -DskipTests first" >&2; exit 2; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # prints "wall_seconds max_rss_kb" for each run of the command
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o /tmp/nestguard-bench.time "$@" >/dev/null 2>&1 || true
    tail -n 1 /tmp/nestguard-bench.time  # GNU time puts "Command exited with non-zero status" first
  done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
echo "policy: $POLICY; runs: $RUNS; JVM flags: $JVM_FLAGS"

# shellcheck disable=SC2086
ref=$(measure java $JVM_FLAGS -version)
# The apt simulation the updates probe runs: GNU time's peak RSS of a command includes its children, so the
# full check's figure is apt's whenever apt is the larger process.
apt=$(measure apt-get -s -o Debug::NoLocking=1 dist-upgrade)
# shellcheck disable=SC2086
full=$(measure java $JVM_FLAGS -jar "$JAR" check --policy "$POLICY" --json)
ref_wall=$(echo "$ref" | awk '{print $1}' | median); ref_rss=$(echo "$ref" | awk '{print $2}' | median)
full_wall=$(echo "$full" | awk '{print $1}' | median); full_rss=$(echo "$full" | awk '{print $2}' | median)
apt_wall=$(echo "$apt" | awk '{print $1}' | median); apt_rss=$(echo "$apt" | awk '{print $2}' | median)
awk -v rw="$ref_wall" -v rr="$ref_rss" -v fw="$full_wall" -v fr="$full_rss" -v aw="$apt_wall" -v ar="$apt_rss" 'BEGIN {
  printf "reference  java -version:                median wall %6.2f s  median peak RSS %6.1f MB\n", rw, rr / 1024
  printf "reference  apt-get -s dist-upgrade:      median wall %6.2f s  median peak RSS %6.1f MB\n", aw, ar / 1024
  printf "nestguard  check --json (whole command): median wall %6.2f s  median peak RSS %6.1f MB\n", fw, fr / 1024
  printf "ratio of check to apt-get alone:         wall %.2fx  RSS %.2fx\n", fw / aw, fr / ar }'

mkdir -p bench/out
javac -q -cp "$JAR" -d bench/out bench/CheckCycle.java 2>/dev/null || javac -cp "$JAR" -d bench/out bench/CheckCycle.java
# shellcheck disable=SC2086
echo "warm cycles in one JVM: $(java $JVM_FLAGS -cp "$JAR:bench/out" CheckCycle "$POLICY" 20 | tr '\n' ' ')"
