#!/usr/bin/env bash
# Install the .deb into a throw-away root (dpkg --root: the machine is left alone), check
# what it put where, run the installed application (installer/check_bundle.sh), remove it
# and check that nothing is left behind.
#   installer/check_deb.sh dist/extradesk_VERSION_ARCH.deb [--no-run]
# --no-run: the package's layout only (the tests build one around a stand-in executable).
set -euo pipefail

deb=${1:?usage: check_deb.sh PACKAGE.deb [--no-run]}
run=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
app_id=fr.extradesk.Extradesk
target=$(mktemp -d)
trap 'rm -rf "$target"' EXIT

fail() { echo "check_deb: $*" >&2; exit 1; }

mkdir -p "$target/var/lib/dpkg/info" "$target/var/lib/dpkg/updates"
touch "$target/var/lib/dpkg/status"
# The root is empty: its dependencies (Qt's X11 libraries) are the real system's business.
# --force-not-root: so that an ordinary user can run the check too.
dpkg=(dpkg --root="$target" --force-depends --force-not-root --log=/dev/null)

"${dpkg[@]}" --install "$deb"
"${dpkg[@]}" --status extradesk | grep -q "^Status: install ok installed" \
    || fail "extradesk is not installed in the throw-away root"

for file in opt/extradesk/extradesk \
            usr/share/applications/$app_id.desktop \
            usr/share/metainfo/$app_id.metainfo.xml \
            usr/share/icons/hicolor/scalable/apps/$app_id.svg \
            usr/share/icons/hicolor/256x256/apps/$app_id.png \
            usr/share/icons/hicolor/48x48/apps/$app_id.png; do
    [ -e "$target/$file" ] || fail "/$file is not installed"
done
[ "$(readlink "$target/usr/bin/extradesk")" = /opt/extradesk/extradesk ] \
    || fail "/usr/bin/extradesk does not point to /opt/extradesk/extradesk"
icon=$(sed -n 's/^Icon=//p' "$target/usr/share/applications/$app_id.desktop")
[ -e "$target/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] \
    || fail "the desktop entry's icon « $icon » is not installed"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$target/usr/share/applications/$app_id.desktop"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$target/usr/share/metainfo/$app_id.metainfo.xml"
fi

how="installs and uninstalls cleanly"
if [ "$run" != --no-run ]; then
    "$here/check_bundle.sh" "$target/opt/extradesk/extradesk"
    how="installs, runs and uninstalls cleanly"
fi

"${dpkg[@]}" --remove extradesk
left=$(cd "$target" && find . -mindepth 1 -not -path "./var/lib/dpkg*" -not -type d)
[ -z "$left" ] || fail "files left behind after removal: $left"
[ ! -e "$target/opt/extradesk" ] || fail "/opt/extradesk is left behind after removal"
echo "check_deb: $(basename "$deb") $how"
