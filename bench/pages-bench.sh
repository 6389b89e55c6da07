#!/usr/bin/env bash
# Response times (p50/p95) of the console's dashboard and flag queue, signed in as the people who use them, with
# DEVICES devices and VISITS visits (and their flags) in ONE setting on PostgreSQL, seeded through the check-in
# path the agents use (bench/PagesSeed.java). The reference, in the same run and session: the home page, which
# reads only the account's own settings. Build first: ./mvnw -q -B -o package -DskipTests
#
#   bash bench/pages-bench.sh                              # 5,000 devices, 5,000,000 visits (seeding ~15-30 min)
#   DEVICES=500 VISITS=200000 bash bench/pages-bench.sh    # a quick look
#   KEEP_SCHEMA=nestguard_pages bash bench/pages-bench.sh  # seed once into this schema and keep it; later runs
#                                                          # with the same KEEP_SCHEMA reuse it (and its data dir)
#
# PostgreSQL: 127.0.0.1:5432, user postgres, database test, trust authentication.
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-5000}
VISITS=${VISITS:-5000000}
BASE=${BASE:-100000}            # visits seeded through the check-in path; the rest are SQL copies of them
FLAG_EVERY=${FLAG_EVERY:-200}   # one visit in this many is flagged
WARMUP=${WARMUP:-20}
REQUESTS=${REQUESTS:-200}
THREADS=${THREADS:-2}
POLICY=${POLICY:-policies/settings/ditton-junior.yaml}
PAGES=${PAGES:-"manager:/dashboard?setting=bench-school dsl:/flags?setting=bench-school"}
# the reference page: the home page, which reads only the account's settings

PG=${PG:-//127.0.0.1:5432/test}
CONSOLE_JAR=console/target/nestguard-console.jar
AGENT_JAR=agent/target/nestguard-agent.jar
for jar in "$CONSOLE_JAR" "$AGENT_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: run ./mvnw -q -B -o package -DskipTests first" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/nestguard-pages.XXXXXX)
CONSOLE_PID=
SCHEMA=${KEEP_SCHEMA:-nestguard_pages_$$}
DATA=${KEEP_SCHEMA:+/tmp/$KEEP_SCHEMA-data}
DATA=${DATA:-$WORK/data}
cleanup() {
  if [ -n "$CONSOLE_PID" ]; then kill "$CONSOLE_PID" 2>/dev/null || true; wait "$CONSOLE_PID" 2>/dev/null || true; fi
  if [ -z "${KEEP_SCHEMA:-}" ]; then
    psql -q -h 127.0.0.1 -U postgres test -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p bench/out/pages
javac -d bench/out/pages -cp "$CONSOLE_JAR:$AGENT_JAR" bench/PagesSeed.java bench/PagesLoad.java
CP="$CONSOLE_JAR:$AGENT_JAR:bench/out/pages"
db="jdbc:postgresql:$PG?user=postgres&currentSchema=$SCHEMA"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), $(psql -tA -h 127.0.0.1 -U postgres test -c 'SHOW server_version')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${KEEP_SCHEMA:-}" ] && [ -f "$DATA/accounts.txt" ]; then
  echo "== reusing schema $SCHEMA and data folder $DATA (KEEP_SCHEMA)"
else
  psql -q -h 127.0.0.1 -U postgres test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; CREATE SCHEMA $SCHEMA"
  rm -rf "$DATA"; mkdir -p "$DATA"
  java -jar "$AGENT_JAR" check --policy "$POLICY" --json >"$WORK/report.json" 2>/dev/null || true
  base=$(( BASE < VISITS ? BASE : VISITS ))
  copies=$(( (VISITS + base - 1) / base - 1 ))
  echo "== seeding $DEVICES devices and $base visits through the check-in path, a flag every $FLAG_EVERY visits ($THREADS threads)"
  java -Xmx2g -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$CP" PagesSeed \
    "$DATA" "$db" "$DEVICES" "$base" "$FLAG_EVERY" "$POLICY" "$WORK/report.json" "$DATA" "$THREADS"
  if [ "$copies" -gt 0 ]; then
    # rows written by the console's own projection, copied with new ids, each copy a few seconds earlier
    echo "== copying them $copies times in SQL: $(( base * (copies + 1) )) visits"
    started=$(date +%s)
    psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres test <<SQL
SET search_path = $SCHEMA;
INSERT INTO visits (id, device_id, setting_id, visited_at, url, host, title, browser, profile, account, account_key,
                    account_kind, transition, search_terms, received_at)
  SELECT encode(sha256(convert_to(v.id || '.' || n, 'UTF8')), 'hex'), device_id, setting_id, visited_at - n * 7000, url, host, title, browser, profile, account,
         account_key, account_kind, transition, search_terms, received_at
  FROM visits v CROSS JOIN generate_series(1, $copies) n;
INSERT INTO visit_domains (domain, visit_id, visited_at)
  SELECT domain, encode(sha256(convert_to(visit_id || '.' || n, 'UTF8')), 'hex'), visited_at - n * 7000 FROM visit_domains CROSS JOIN generate_series(1, $copies) n;
INSERT INTO flags (id, device_id, setting_id, agent_flag_id, event_enrolment, event_sequence, visit_id, visited_at, host,
                   account_key, account_kind, visit, severity, severity_rank, reasons, context_before, context_after,
                   state, state_changed_at, concern_reference, received_at)
  SELECT md5(f.id || '.' || n), device_id, setting_id, agent_flag_id || '.' || n, event_enrolment, event_sequence,
         encode(sha256(convert_to(visit_id || '.' || n, 'UTF8')), 'hex'), visited_at - n * 7000, host, account_key, account_kind, visit, severity, severity_rank,
         reasons, context_before, context_after, state, state_changed_at, concern_reference, received_at
  FROM flags f CROSS JOIN generate_series(1, $copies) n;
INSERT INTO flag_categories (flag_id, category)
  SELECT md5(flag_id || '.' || n), category FROM flag_categories CROSS JOIN generate_series(1, $copies) n;
SQL
    echo "copied in $(( $(date +%s) - started )) s"
  fi
  psql -q -h 127.0.0.1 -U postgres test -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
fi
psql -tA -h 127.0.0.1 -U postgres test -c "SELECT 'in the store: ' || (SELECT count(*) FROM $SCHEMA.devices) || ' devices, ' || (SELECT count(*) FROM $SCHEMA.visits) || ' visits, ' || (SELECT count(*) FROM $SCHEMA.flags) || ' flags, ' || (SELECT count(*) FROM $SCHEMA.events) || ' events'"

java -jar "$CONSOLE_JAR" serve --data "$DATA" --port 0 --bind 127.0.0.1 --db "$db" >"$WORK/console.log" 2>&1 &
CONSOLE_PID=$!
url=
for _ in $(seq 600); do
  url=$(grep -o 'https://127.0.0.1:[0-9]*' "$WORK/console.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$CONSOLE_PID" 2>/dev/null || { cat "$WORK/console.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "console did not start" >&2; cat "$WORK/console.log" >&2; exit 1; }
echo "== console at $url; $REQUESTS requests a page one after another, after $WARMUP unmeasured"
# shellcheck disable=SC2086
java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$CP" PagesLoad "$url" "$DATA/pki/ca.crt" "$DATA/accounts.txt" "bench password for the pages" \
  "$WARMUP" "$REQUESTS" $PAGES
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
