#!/usr/bin/env bash
# Kills the agent with SIGKILL at random moments while it records and uploads, KILLS times (default 1000),
# against a real console on SQLite, and checks that every recorded event arrived exactly once. The same test
# runs with 200 kills in every build; this runs it longer. Prints the test's own summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-1000}
./mvnw -q -B package -DskipTests
start=$(date +%s)
./mvnw -B -pl e2e verify -Dtest=KillDuringUploadTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dnestguard.e2e.kills="$KILLS" > /tmp/nestguard-kill-uploads.log 2>&1 || { tail -40 /tmp/nestguard-kill-uploads.log; exit 1; }
grep -E "^seed [0-9]+:" /tmp/nestguard-kill-uploads.log
echo "kills: $KILLS; wall time: $(( $(date +%s) - start )) s"
