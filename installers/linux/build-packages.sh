#!/usr/bin/env bash
# Builds the Linux packages from the Maven-built jars:
#   nestguard-agent_VERSION_amd64.deb and nestguard-agent-VERSION-1.x86_64.rpm: a jlink runtime trimmed to the
#     modules the agent uses, a jpackage launcher in /opt/nestguard-agent, the hardened systemd unit;
#   nestguard-console_VERSION_all.deb: the console jar, its own system account and unit (needs a Java 17 JRE);
#   nestguard-console-VERSION.jar: the plain console jar for other systems.
#
#   installers/linux/build-packages.sh [--version V] [--out DIR] [--no-rpm] [--no-console]
#
# Needs JDK 17's jdeps, jlink and jpackage, dpkg-deb, and rpmbuild (Debian package 'rpm') unless --no-rpm.
# Build the jars first: ./mvnw -B package -DskipTests
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
VERSION=
OUT=$REPO/installers/target/packages
RPM=yes
CONSOLE=yes
AGENT_JAR=$REPO/agent/target/nestguard-agent.jar
CONSOLE_JAR=$REPO/console/target/nestguard-console.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --version) VERSION=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-rpm) RPM=no; shift ;;
    --no-console) CONSOLE=no; shift ;;
    --agent-jar) AGENT_JAR=$2; shift 2 ;;
    --console-jar) CONSOLE_JAR=$2; shift 2 ;;
    -h|--help) sed -n "2,11p" "$0"; exit 0 ;;
    *) echo "unknown option $1; see $0 --help" >&2; exit 2 ;;
  esac
done
if [ -z "$VERSION" ]; then
  # The Maven project version; a -SNAPSHOT sorts before its release in dpkg and rpm as ~SNAPSHOT.
  VERSION=$(awk '/<artifactId>nestguard-parent<\/artifactId>/ {p = 1} p && /<version>/ {
    sub(/.*<version>/, ""); sub(/<\/version>.*/, ""); print; exit }' "$REPO/pom.xml")
fi
VERSION=${VERSION//-/\~}
printf '%s' "$VERSION" | grep -Eq '^[0-9][0-9A-Za-z.~+]*$' \
  || { echo "version '$VERSION' is not a package version (digits, letters, . ~ +)" >&2; exit 2; }

JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}
need() { command -v "$1" >/dev/null 2>&1 || { echo "$1 is missing: $2" >&2; exit 3; }; }
need "${JAVA_BIN}jdeps" "install a JDK 17 (Debian: openjdk-17-jdk-headless)"
need "${JAVA_BIN}jlink" "install a JDK 17 (Debian: openjdk-17-jdk-headless)"
need "${JAVA_BIN}jpackage" "install a full JDK 17 with jpackage (Debian: openjdk-17-jdk-headless)"
need dpkg-deb "build on Debian or Ubuntu (package dpkg)"
[ "$RPM" = no ] || need rpmbuild "install the Debian package 'rpm', or pass --no-rpm"
for jar in "$AGENT_JAR" "$CONSOLE_JAR"; do
  [ -f "$jar" ] || { echo "$jar is missing; build it first: ./mvnw -B package -DskipTests" >&2; exit 3; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nestguard-packages.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

echo "== Agent runtime (jlink)"
# jdeps finds the modules the agent's classes use. jdk.crypto.ec is added by hand: the EC device key and TLS's
# ECDHE come from the SunEC provider, found by name at run time, which no static analysis sees.
# --generate-cds-archive restores the class-data sharing archive the full JDK ships (jlink drops it): without
# it the agent started slower and used more memory than on the full JDK (BENCHMARKS.md, "Installers").
# --compress=0: a zip-compressed module image cost the running agent 9 MB of memory (classes inflated on
# loading) and made the gzip'd package larger, not smaller; it saves only disk space once installed.
MODULES=$("${JAVA_BIN}jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$AGENT_JAR"),jdk.crypto.ec
echo "   modules: $MODULES"
"${JAVA_BIN}jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=0 \
  --generate-cds-archive \
  --output "$WORK/runtime"

echo "== Agent launcher (jpackage app-image)"
# The agent service's JVM flags, the same bench/check-bench.sh and the history benchmark measure
# (BENCHMARKS.md): a small growable heap, the serial collector, the C1 compiler only.
SERVICE_JVM_FLAGS="-XX:+UseSerialGC -Xms4m -Xmx24m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -Xss512k \
-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
mkdir -p "$WORK/input"
cp "$AGENT_JAR" "$WORK/input/nestguard-agent.jar"
"${JAVA_BIN}jpackage" --type app-image --name nestguard-agent --input "$WORK/input" \
  --main-jar nestguard-agent.jar --main-class org.nestguard.agent.cli.AgentCommand --runtime-image "$WORK/runtime" \
  --app-version "${VERSION%%~*}" --vendor Nestguard --dest "$WORK/app" \
  --java-options "$SERVICE_JVM_FLAGS -Djava.awt.headless=true"

# The installed tree, the same for both formats except where systemd units live.
stage_agent() { # $1 = root, $2 = unit folder
  local root=$1
  mkdir -p "$root/opt" "$root/usr/bin" "$root$2" "$root/usr/share/doc/nestguard-agent"
  cp -a "$WORK/app/nestguard-agent" "$root/opt/nestguard-agent"
  install -m 0755 "$HERE/agent/write-config" "$root/opt/nestguard-agent/lib/write-config"
  ln -s ../../opt/nestguard-agent/bin/nestguard-agent "$root/usr/bin/nestguard-agent"
  install -m 0644 "$HERE/agent/nestguard-agent.service" "$root$2/nestguard-agent.service"
  install -m 0644 "$REPO/installers/README.md" "$root/usr/share/doc/nestguard-agent/README.md"
}

echo "== nestguard-agent_${VERSION}_amd64.deb"
DEB=$WORK/deb-agent
stage_agent "$DEB" /lib/systemd/system
mkdir -p "$DEB/DEBIAN"
install -m 0755 "$HERE/agent/debian/postinst" "$HERE/agent/debian/prerm" "$HERE/agent/debian/postrm" "$DEB/DEBIAN/"
cat > "$DEB/DEBIAN/control" <<CONTROL
Package: nestguard-agent
Version: $VERSION
Architecture: amd64
Maintainer: Nestguard <packages@nestguard.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$DEB" | cut -f1)
Depends: libc6, zlib1g, util-linux, init-system-helpers (>= 1.54~)
Section: admin
Priority: optional
Description: Nestguard device agent for schools
 Checks this device against the setting's online safety policy, collects browser history for the
 monitoring duty and reports to a Nestguard console over mutual TLS. Runs as the nestguard-agent
 service and enrols itself on first start from /etc/nestguard/agent.yaml, written at install from
 NESTGUARD_CONSOLE_URL, NESTGUARD_ENROLL_TOKEN and NESTGUARD_CA_FINGERPRINT.
CONTROL
dpkg-deb -Zgzip --root-owner-group --build "$DEB" "$OUT/nestguard-agent_${VERSION}_amd64.deb" >/dev/null

if [ "$RPM" = yes ]; then
  echo "== nestguard-agent-${VERSION}-1.x86_64.rpm"
  stage_agent "$WORK/rpm-tree" /usr/lib/systemd/system
  rpmbuild -bb --quiet --define "_topdir $WORK/rpmbuild" --define "_rpmdir $OUT" \
    --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
    --define "ng_version $VERSION" --define "ng_tree $WORK/rpm-tree" "$HERE/agent/nestguard-agent.spec"
fi

if [ "$CONSOLE" = no ]; then
  ls -l "$OUT"
  exit 0
fi
echo "== nestguard-console_${VERSION}_all.deb"
CON=$WORK/deb-console
mkdir -p "$CON/DEBIAN" "$CON/usr/share/nestguard-console" "$CON/usr/bin" "$CON/lib/systemd/system" \
  "$CON/etc/nestguard" "$CON/usr/share/doc/nestguard-console"
install -m 0644 "$CONSOLE_JAR" "$CON/usr/share/nestguard-console/nestguard-console.jar"
install -m 0755 "$HERE/console/nestguard-console" "$CON/usr/bin/nestguard-console"
install -m 0644 "$HERE/console/nestguard-console.service" "$CON/lib/systemd/system/nestguard-console.service"
install -m 0644 "$HERE/console/console.env" "$CON/etc/nestguard/console.env"
install -m 0644 "$REPO/installers/README.md" "$CON/usr/share/doc/nestguard-console/README.md"
install -m 0755 "$HERE/console/debian/postinst" "$HERE/console/debian/prerm" "$HERE/console/debian/postrm" \
  "$CON/DEBIAN/"
install -m 0644 "$HERE/console/debian/conffiles" "$CON/DEBIAN/conffiles"
cat > "$CON/DEBIAN/control" <<CONTROL
Package: nestguard-console
Version: $VERSION
Architecture: all
Maintainer: Nestguard <packages@nestguard.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$CON" | cut -f1)
Depends: openjdk-17-jre-headless | java17-runtime-headless, adduser, util-linux, init-system-helpers (>= 1.54~)
Section: admin
Priority: optional
Description: Nestguard console for schools
 The central console of Nestguard: enrols device agents with its own CA, stores their reports (SQLite in
 /var/lib/nestguard-console, or PostgreSQL) and serves the agent and people's APIs over HTTPS. Runs as
 the nestguard-console service under its own account; options in /etc/nestguard/console.env.
CONTROL
dpkg-deb -Zgzip --root-owner-group --build "$CON" "$OUT/nestguard-console_${VERSION}_all.deb" >/dev/null
cp "$CONSOLE_JAR" "$OUT/nestguard-console-${VERSION}.jar"

echo "== Built in $OUT:"
ls -l "$OUT"
