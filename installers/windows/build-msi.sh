#!/usr/bin/env bash
# Builds nestguard-agent-VERSION.msi from a Windows app-image of the agent, made on Windows with JDK 17:
#   jlink --add-modules MODULES --strip-debug --no-header-files --no-man-pages --output runtime
#   jpackage --type app-image --name nestguard-agent --input DIR_WITH_JAR --main-jar nestguard-agent.jar
#            --main-class org.nestguard.agent.cli.AgentCommand --runtime-image runtime --win-console
# (MODULES: the list installers/linux/build-packages.sh prints). Then, where wixl runs (Debian: msitools, wixl):
#
#   installers/windows/build-msi.sh --app-image DIR --version 0.1.0 [--out DIR]
#
# wixl-heat lists every file of the app-image as a component; nestguard-agent.exe itself is in the .wxs, with
# the service. On Windows with the WiX v3 toolset, use heat/candle/light on the same nestguard-agent.wxs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
APP=
VERSION=
OUT=$HERE/../target/packages
while [ $# -gt 0 ]; do
  case "$1" in
    --app-image) APP=$2; shift 2 ;;
    --version) VERSION=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1; see $0 --help" >&2; exit 2 ;;
  esac
done
for tool in wixl wixl-heat; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: install Debian's 'wixl' and 'msitools', or use \
WiX v3 (heat, candle, light) on Windows with nestguard-agent.wxs" >&2; exit 3; }
done
[ -n "$APP" ] && [ -f "$APP/nestguard-agent.exe" ] || { echo "--app-image must name a Windows jpackage app-image \
folder holding nestguard-agent.exe (made on Windows: see $0 --help)" >&2; exit 2; }
# MSI versions are three numbers below 256.256.65536; a Maven -SNAPSHOT suffix is dropped.
VERSION=${VERSION%%[-~]*}
printf '%s' "$VERSION" | grep -Eq '^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,5}$' \
  || { echo "--version must be MAJOR.MINOR.PATCH for an MSI, got '$VERSION'" >&2; exit 2; }

APP=$(cd "$APP" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nestguard-msi.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# wixl finds File sources relative to the working folder (absolute ones it does not find), so it runs inside
# the app-image with AppDir=. for both the .wxs and the harvested list.
cd "$APP"
find . -type f ! -path ./nestguard-agent.exe | sort \
  | wixl-heat --prefix ./ --directory-ref INSTALLDIR --component-group AppFiles --var var.AppDir --win64 \
  > "$WORK/app-files.wxs"
wixl -a x64 -D Win64=yes -D Version="$VERSION" -D AppDir=. -o "$OUT/nestguard-agent-$VERSION.msi" \
  "$HERE/nestguard-agent.wxs" "$WORK/app-files.wxs"
echo "Built $OUT/nestguard-agent-$VERSION.msi"
