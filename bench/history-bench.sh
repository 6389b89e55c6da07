#!/usr/bin/env bash
# Measures history collection on one Chromium profile of VISITS visits (default 200,000, about a heavy user's
# 90 days): first catch-up, a collection after new visits, one with nothing changed, and a plain copy of the file
# as the reference, in a JVM with the agent service's flags (24 MiB heap). Build first:
# ./mvnw -q -B package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
VISITS=${VISITS:-200000}
JAR=agent/target/nestguard-agent.jar
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms4m -Xmx24m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -q -B package -DskipTests first" >&2; exit 2; }
echo "machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1); JVM flags: $JVM_FLAGS"
mkdir -p bench/out
javac -cp "$JAR" -d bench/out bench/HistoryBench.java
# shellcheck disable=SC2086
java $JVM_FLAGS -cp "$JAR:bench/out" HistoryBench "${TMPDIR:-/tmp}/nestguard-history-bench" "$VISITS"
