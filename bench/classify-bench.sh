#!/usr/bin/env bash
# Measures the classifier against a 1,000,000-domain list: the list's heap, import and load time, and URLs
# classified per second on one thread (domain path alone, and with the shipped keyword lists on title and URL),
# against a HashSet<String> of the same domains in the same run. Uses ../shared/data/ut1 when present.
# Build first: ./mvnw -o -B -q package -DskipTests
#
#   bash bench/classify-bench.sh                    # 1,000,000 domains, 200,000 visits, 5 rounds
#   DOMAINS=100000 bash bench/classify-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DOMAINS=${DOMAINS:-1000000}
VISITS=${VISITS:-200000}
ROUNDS=${ROUNDS:-5}
JAR=agent/target/nestguard-agent.jar
# The serial collector makes System.gc() a full, synchronous collection, so used-heap differences are exact once
# MarkSweepDeadRatio=0 stops it leaving up to 5% of dead space uncompacted (and counted as used).
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 -Xms512m -Xmx1g}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -o -B -q package -DskipTests first" >&2; exit 2; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p bench/out/classify
javac -cp "$JAR" -d bench/out/classify bench/ClassifyBench.java
WORK=$(mktemp -d /tmp/nestguard-classify.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086
java $JVM_FLAGS -cp "$JAR:bench/out/classify" ClassifyBench "$WORK" "$DOMAINS" "$VISITS" "$ROUNDS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
