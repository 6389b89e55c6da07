#!/usr/bin/env bash
# Check-ins per second and p50/p99 latency of many simulated agents (real mutual-TLS clients, each check-in a full
# compliance report) against ONE real console process, with DEVICES enrolled devices in its store, on SQLite and on
# PostgreSQL; and, in the same run, the same clients against a console path that touches no store (the reference).
# The console and the load generator share this machine's cores. Build first: ./mvnw -q -B -o package -DskipTests
#
#   bash bench/checkin-load.sh                 # both stores
#   STORES=sqlite bash bench/checkin-load.sh   # one store
#   BODY=small bash bench/checkin-load.sh      # a patched laptop's few-KB report instead of this VM's full one
#   CONNECTION=fresh bash bench/checkin-load.sh  # a new TCP connection and TLS handshake per check-in
#   CONSOLE_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/c.jfr bash bench/checkin-load.sh  # profile the console
#
# PostgreSQL: 127.0.0.1:5432, user postgres, database test, trust authentication; each run makes a fresh schema and
# drops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
STORES=${STORES:-sqlite postgresql}
DEVICES=${DEVICES:-50000}     # devices in the store
AGENTS=${AGENTS:-320}         # of which this many are simulated agents with certificates
CLIENTS=${CLIENTS:-16}        # client threads = check-ins in flight at most (closed loop)
SETTINGS=${SETTINGS:-50}      # the devices are spread over this many settings (schools of a trust)
WARMUP=${WARMUP:-10}          # seconds of check-ins before measuring
DURATION=${DURATION:-30}      # seconds measured (the reference phase runs half as long)
POLICY=${POLICY:-policies/settings/ditton-junior.yaml}
PG=${PG:-//127.0.0.1:5432/test}
BODY=${BODY:-full}            # full: this VM's report; small: without the pending-update lines (a patched laptop)
CONNECTION=${CONNECTION:-kept} # kept: one kept-alive connection per agent; fresh: a new one per check-in
CONSOLE_JAR=${CONSOLE_JAR:-console/target/nestguard-console.jar} # another build of the console to compare
AGENT_JAR=agent/target/nestguard-agent.jar
for jar in "$CONSOLE_JAR" "$AGENT_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: run ./mvnw -q -B -o package -DskipTests first" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/nestguard-load.XXXXXX)
CONSOLE_PID=
SCHEMA=
cleanup() {
  if [ -n "$CONSOLE_PID" ]; then kill "$CONSOLE_PID" 2>/dev/null || true; wait "$CONSOLE_PID" 2>/dev/null || true; fi
  if [ -n "$SCHEMA" ]; then psql -q -h 127.0.0.1 -U postgres test -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p bench/out/seed bench/out/load
javac -d bench/out/seed -cp "$CONSOLE_JAR" bench/CheckInSeed.java
javac -d bench/out/load -cp "$AGENT_JAR" bench/CheckInLoad.java

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
echo "console and load generator share these $(nproc) cores; $CLIENTS client threads, $AGENTS agents, $DEVICES devices in the store; body $BODY, connections $CONNECTION"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# the body every simulated agent sends: this machine's own full compliance report, as the agent produces it
java -jar "$AGENT_JAR" check --policy "$POLICY" --json >"$WORK/report.json" 2>/dev/null || true
python3 -c 'import json,sys; json.load(open(sys.argv[1]))["results"]' "$WORK/report.json" \
  || { echo "nestguard-agent check --json gave no report" >&2; exit 1; }

summary=()
for store in $STORES; do
  data="$WORK/$store"
  db=-
  console_db=()
  if [ "$store" = postgresql ]; then
    SCHEMA="nestguard_load_$$"
    psql -q -h 127.0.0.1 -U postgres test -c "CREATE SCHEMA $SCHEMA"
    db="jdbc:postgresql:$PG?user=postgres&currentSchema=$SCHEMA"
    console_db=(--db "$db")
    threads=8
  else
    threads=1 # SQLite takes one writer at a time anyway
  fi
  if [ "$store" = sqlite ] && [ -n "${SQLITE_SEED:-}" ] && [ -f "$SQLITE_SEED/console.db" ]; then
    echo "== $store: copying the store seeded earlier from $SQLITE_SEED (SQLITE_SEED)"
    cp -a "$SQLITE_SEED" "$data"
  else
    echo "== $store: seeding $DEVICES devices through Devices.enrol ($threads threads)"
    java -cp "$CONSOLE_JAR:bench/out/seed" CheckInSeed "$data" "$db" "$DEVICES" "$AGENTS" "$SETTINGS" "$POLICY" \
      "$data/clients" "$threads"
    # SQLITE_SEED=DIR keeps the freshly seeded store (before any check-in) for the next runs: seeding is slow
    if [ "$store" = sqlite ] && [ -n "${SQLITE_SEED:-}" ]; then cp -a "$data" "$SQLITE_SEED"; fi
  fi
  if [ "$store" = postgresql ]; then
    psql -q -h 127.0.0.1 -U postgres test -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
    in_store=$(psql -tA -h 127.0.0.1 -U postgres test -c "SELECT count(*) FROM $SCHEMA.devices")
  else
    in_store=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from devices").fetchone()[0])' "$data/console.db")
  fi
  java ${CONSOLE_JAVA_OPTS:-} -jar "$CONSOLE_JAR" serve --data "$data" --port 0 --bind 127.0.0.1 "${console_db[@]}" >"$WORK/console.log" 2>&1 &
  CONSOLE_PID=$!
  url=
  for _ in $(seq 600); do # up to 120 s: a JVM starts slowly on a busy machine
    url=$(grep -o 'https://127.0.0.1:[0-9]*' "$WORK/console.log" | head -1 || true)
    [ -n "$url" ] && break
    kill -0 "$CONSOLE_PID" 2>/dev/null || { cat "$WORK/console.log" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$url" ] || { echo "console did not start" >&2; cat "$WORK/console.log" >&2; exit 1; }
  echo "== $store: console pid $CONSOLE_PID at $url; devices in store: $in_store"
  java -cp "$AGENT_JAR:bench/out/load" CheckInLoad "$url" "$data/clients" "$WORK/report.json" "$CLIENTS" "$AGENTS" \
    "$WARMUP" "$DURATION" "$store" "$BODY" "$CONNECTION" | tee "$WORK/$store.out"
  if grep -q 'ERROR\|Exception' "$WORK/console.log"; then
    echo "console log has errors:"; grep -m 5 'ERROR\|Exception' "$WORK/console.log"
  fi
  echo "== $store: load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$CONSOLE_PID"; wait "$CONSOLE_PID" 2>/dev/null || true; CONSOLE_PID=
  if [ -n "$SCHEMA" ]; then
    psql -q -h 127.0.0.1 -U postgres test -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"; SCHEMA=
  fi
  summary+=("$(awk -v s="$store" -v n="$in_store" '
    $1 == "RESULT" && $3 == "checkin" { split($0, a, " "); for (i in a) { split(a[i], kv, "="); v[$3, kv[1]] = kv[2] } }
    $1 == "RESULT" && $3 == "reference" { split($0, a, " "); for (i in a) { split(a[i], kv, "="); v[$3, kv[1]] = kv[2] } }
    END { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f |", s, n, v["checkin","clients"], v["checkin","rate"],
          v["checkin","p50"], v["checkin","p99"], v["checkin","errors"], v["reference","rate"], v["reference","p99"],
          v["checkin","rate"] / v["reference","rate"] }' "$WORK/$store.out")")
done

echo
echo "| store | devices in store | clients | check-ins/s | p50 | p99 | errors | reference req/s | reference p99 | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
