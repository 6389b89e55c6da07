#!/usr/bin/env bash
# Builds NestguardAgent-VERSION.pkg, on macOS only (pkgbuild and productbuild are Apple's), from the agent's
# macOS app-image, made on the Mac with JDK 17:
#   jlink --add-modules MODULES --strip-debug --no-header-files --no-man-pages --output runtime
#   jpackage --type app-image --name NestguardAgent --mac-package-identifier org.nestguard.agent \
#            --input DIR_WITH_JAR --main-jar nestguard-agent.jar --main-class org.nestguard.agent.cli.AgentCommand \
#            --runtime-image runtime [--mac-sign --mac-signing-key-user-name "Developer ID Application: ..."]
# (MODULES: the list installers/linux/build-packages.sh prints). Then:
#
#   installers/macos/build-pkg.sh --app-image NestguardAgent.app --version 0.1.0 [--sign "Developer ID Installer: ..."]
#
# Payload: /Library/Nestguard/NestguardAgent.app, /Library/LaunchDaemons/org.nestguard.agent.plist,
# /Library/LaunchAgents/org.nestguard.agent.user.plist; scripts/preinstall and scripts/postinstall.
# The PPPC profile nestguard-full-disk-access.mobileconfig is deployed separately, through the MDM.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
APP=
VERSION=
SIGN=
OUT=$HERE/../target/packages
while [ $# -gt 0 ]; do
  case "$1" in
    --app-image) APP=$2; shift 2 ;;
    --version) VERSION=$2; shift 2 ;;
    --sign) SIGN=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1; see $0 --help" >&2; exit 2 ;;
  esac
done
for tool in pkgbuild productbuild; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: build-pkg.sh runs only on macOS with the Xcode \
command line tools (xcode-select --install); on $(uname -s) build the Linux packages or the MSI instead" >&2; exit 3; }
done
[ -n "$APP" ] && [ -x "$APP/Contents/MacOS/NestguardAgent" ] || { echo "--app-image must name the \
NestguardAgent.app that jpackage made (see $0 --help)" >&2; exit 2; }
[ -n "$VERSION" ] || { echo "--version is required, e.g. --version 0.1.0" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nestguard-pkg.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/root
mkdir -p "$ROOT/Library/Nestguard" "$ROOT/Library/LaunchDaemons" "$ROOT/Library/LaunchAgents" "$OUT"
ditto "$APP" "$ROOT/Library/Nestguard/NestguardAgent.app"
install -m 0644 "$HERE/org.nestguard.agent.plist" "$ROOT/Library/LaunchDaemons/"
install -m 0644 "$HERE/org.nestguard.agent.user.plist" "$ROOT/Library/LaunchAgents/"
plutil -lint "$ROOT/Library/LaunchDaemons/org.nestguard.agent.plist" \
  "$ROOT/Library/LaunchAgents/org.nestguard.agent.user.plist" "$HERE/nestguard-full-disk-access.mobileconfig"
pkgbuild --root "$ROOT" --identifier org.nestguard.agent.pkg --version "$VERSION" --install-location / \
  --scripts "$HERE/scripts" "$WORK/component.pkg"
if [ -n "$SIGN" ]; then
  productbuild --package "$WORK/component.pkg" --sign "$SIGN" "$OUT/NestguardAgent-$VERSION.pkg"
else
  productbuild --package "$WORK/component.pkg" "$OUT/NestguardAgent-$VERSION.pkg"
fi
echo "Built $OUT/NestguardAgent-$VERSION.pkg"
