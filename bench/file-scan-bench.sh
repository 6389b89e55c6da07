#!/usr/bin/env bash
# Measures the file checks: hashing throughput over 2 GiB of files against sha256sum over the same files in the
# same run (SHA-256 alone and all three digests in one pass), an incremental rescan of 100,000 unchanged files
# (index loaded from disk, tree walked, nothing hashed), and a 1,000,000-hash list (import, load, heap per hash,
# lookups). Build first: ./mvnw -o -B -q -pl agent -am package -DskipTests
#
#   bash bench/file-scan-bench.sh                       # 2048 MiB, 100,000 files, 5 rounds, 1,000,000 hashes
#   HASH_MIB=512 RESCAN_FILES=20000 ROUNDS=3 bash bench/file-scan-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
HASH_MIB=${HASH_MIB:-2048}
RESCAN_FILES=${RESCAN_FILES:-100000}
ROUNDS=${ROUNDS:-5}
LIST_HASHES=${LIST_HASHES:-1000000}
JAR=agent/target/nestguard-agent.jar
# Serial GC so System.gc() is a full collection and the hash list's heap is measured exactly.
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 -Xms256m -Xmx1g}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -o -B -q -pl agent -am package -DskipTests first" >&2; exit 2; }
command -v sha256sum >/dev/null || { echo "sha256sum (coreutils) is needed as the reference" >&2; exit 2; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(sha256sum --version | head -1), java $(java -version 2>&1 | head -1 | cut -d'"' -f2); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p bench/out/file-scan
javac -cp "$JAR" -d bench/out/file-scan bench/FileScanBench.java
WORK=$(mktemp -d /tmp/nestguard-file-scan.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086
java $JVM_FLAGS -cp "$JAR:bench/out/file-scan" FileScanBench "$WORK" "$HASH_MIB" "$RESCAN_FILES" "$ROUNDS" \
    "$LIST_HASHES"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
