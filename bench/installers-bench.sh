#!/usr/bin/env bash
# Installers: the size of each package and of what it installs, and the resident memory of the packaged agent
# once it has enrolled and its first report has reached a console, each against a named reference measured in
# the same run: the full JDK the runtime was trimmed from, and the same agent jar on that full JDK (with JVM
# defaults, and with the service's flags). Build first: ./mvnw -q -B package -DskipTests
#
#   bash bench/installers-bench.sh [--packages DIR]    (DIR: output of installers/linux/build-packages.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=
[ "${1:-}" = --packages ] && PACKAGES=$2
for tool in dpkg-deb rpm sqlite3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
W=$(mktemp -d /var/tmp/nestguard-installers-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
if [ -z "$PACKAGES" ]; then
  PACKAGES=$W/packages
  installers/linux/build-packages.sh --out "$PACKAGES" >/dev/null
fi
DEB=$(ls "$PACKAGES"/nestguard-agent_*_amd64.deb)
RPM=$(ls "$PACKAGES"/nestguard-agent-*.x86_64.rpm)
CDEB=$(ls "$PACKAGES"/nestguard-console_*_all.deb)
JDK=$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
kib() { echo $(( ($(stat -c %s "$1") + 1023) / 1024 )); }
echo
echo "| package | file | installed (dpkg Installed-Size / rpm Size) |"
echo "|---|---|---|"
echo "| $(basename "$DEB") | $(kib "$DEB") KiB | $(dpkg-deb -f "$DEB" Installed-Size) KiB |"
echo "| $(basename "$RPM") | $(kib "$RPM") KiB | $(( $(rpm -qp --qf '%{SIZE}' "$RPM" 2>/dev/null) / 1024 )) KiB |"
echo "| $(basename "$CDEB") | $(kib "$CDEB") KiB | $(dpkg-deb -f "$CDEB" Installed-Size) KiB |"

dpkg-deb -x "$DEB" "$W/tree"
AGENT=$W/tree/opt/nestguard-agent
rt=$(du -sk "$AGENT/lib/runtime" | cut -f1)
jdk=$(du -sk "$JDK" | cut -f1)
echo
echo "| tree | du -sk |"
echo "|---|---|"
echo "| installed agent, /opt/nestguard-agent | $(du -sk "$AGENT" | cut -f1) KiB |"
echo "| its jlink runtime (lib/runtime: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$AGENT/lib/runtime/release" | wc -w) modules) | $rt KiB |"
echo "| reference: the full JDK it was trimmed from ($JDK) | $jdk KiB |"
echo "| ratio runtime / JDK | $(awk -v a="$rt" -v b="$jdk" 'BEGIN {printf "%.2f", a/b}') |"

# A console on this machine, one setting, a token per agent.
C=$W/console
CJAR=console/target/nestguard-console.jar
java -jar "$CJAR" policy import policies/settings/ditton-junior.yaml --reason bench --data "$C" >/dev/null
java -jar "$CJAR" serve --data "$C" --port 0 --bind 127.0.0.1 >"$W/console.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do grep -q "https://127.0.0.1:" "$W/console.log" && break; sleep 0.5; done
URL=$(grep -o 'https://127.0.0.1:[0-9]*' "$W/console.log" | head -1)
FP=$(sed -n 's/^CA fingerprint (SHA-256): *//p' "$W/console.log" | head -1)
[ -n "$URL" ] && [ -n "$FP" ] || { echo "the console did not start:" >&2; cat "$W/console.log" >&2; exit 1; }

# Starts an agent with its own config and data, waits for its first report in the console's store, prints
# "VmRSS VmHWM" in KiB at that moment, and stops it.
measure() { # $1 = name, rest = the command before "run --config FILE"
  local name=$1; shift
  local token cfg pid device
  token=$(java -jar "$CJAR" token create --setting ditton-junior --uses 1 --expires PT1H --data "$C" 2>/dev/null)
  cfg=$W/$name.yaml
  printf 'console: "%s"\ntoken: "%s"\ncaFingerprint: "%s"\ndata: %s\n' "$URL" "$token" "$FP" "$W/$name" > "$cfg"
  chmod 600 "$cfg"
  MALLOC_ARENA_MAX=2 "$@" run --config "$cfg" >"$W/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 600); do
    device=$(sed -n 's/^Enrolled as device \([^ ]*\) .*/\1/p' "$W/$name.log")
    if [ -n "$device" ] && [ "$(sqlite3 "$C/console.db" \
        "SELECT COUNT(*) FROM events WHERE device_id = '$device'" 2>/dev/null || echo 0)" -gt 0 ]; then
      awk '/^VmRSS|^VmHWM/ {printf "%s ", $2}' "/proc/$pid/status"; echo
      kill "$pid"; wait "$pid" 2>/dev/null || true
      return
    fi
    sleep 0.2
  done
  echo "$name: no first report in 120 s:" >&2; cat "$W/$name.log" >&2; exit 1
}
SERVICE_FLAGS=$(sed -n 's/^java-options=//p' "$AGENT/lib/app/nestguard-agent.cfg" | grep -v jpackage | tr '\n' ' ')
read -r pk_rss pk_hwm < <(measure packaged "$AGENT/bin/nestguard-agent")
read -r d_rss d_hwm < <(measure jdk-defaults java -jar agent/target/nestguard-agent.jar)
# shellcheck disable=SC2086
read -r f_rss f_hwm < <(measure jdk-flags java $SERVICE_FLAGS -jar agent/target/nestguard-agent.jar)
# shellcheck disable=SC2086
read -r j_rss j_hwm < <(measure jlink-java "$AGENT/lib/runtime/bin/java" $SERVICE_FLAGS -jar "$AGENT/lib/app/nestguard-agent.jar")
for v in "$pk_rss" "$d_rss" "$f_rss" "$j_rss"; do [ -n "$v" ] || { echo "a measurement failed (see above)" >&2; exit 1; }; done
echo
echo "policy: ditton-junior (all nine controls); service flags: $SERVICE_FLAGS"
echo
echo "| agent after enrolling and its first report reached the console | VmRSS | VmHWM | RSS ratio packaged / this |"
echo "|---|---|---|---|"
echo "| packaged: /opt/nestguard-agent launcher, jlink runtime, service flags | $pk_rss KiB | $pk_hwm KiB | 1.00 |"
echo "| reference: same jar, full JDK, JVM defaults | $d_rss KiB | $d_hwm KiB | $(awk -v a="$pk_rss" -v b="$d_rss" 'BEGIN {printf "%.2f", a/b}') |"
echo "| reference: same jar, full JDK, service flags | $f_rss KiB | $f_hwm KiB | $(awk -v a="$pk_rss" -v b="$f_rss" 'BEGIN {printf "%.2f", a/b}') |"
echo "| same jar, the package's jlink runtime run by its own java (no launcher), service flags | $j_rss KiB | $j_hwm KiB | $(awk -v a="$pk_rss" -v b="$j_rss" 'BEGIN {printf "%.2f", a/b}') |"
