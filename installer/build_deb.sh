#!/usr/bin/env bash
# Build a .deb of the PyInstaller bundle with dpkg-deb alone (`make deb`).
#   installer/build_deb.sh BUNDLE_DIR OUT_DIR   → OUT_DIR/extradesk_VERSION_ARCH.deb
# The bundle goes to /opt/extradesk, with /usr/bin/extradesk linked to it, the desktop entry,
# the icons in the hicolor theme under the entry's Icon= name and the AppStream metainfo.
# No maintainer scripts: Debian's file triggers refresh the desktop and icon caches.
set -euo pipefail

bundle=${1:?usage: build_deb.sh BUNDLE_DIR OUT_DIR}
out=${2:?usage: build_deb.sh BUNDLE_DIR OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
app_id=fr.extradesk.Extradesk

[ -x "$bundle/extradesk" ] || { echo "build_deb: $bundle/extradesk is missing (make dist)" >&2; exit 1; }
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/src/extradesk/__init__.py")
[ -n "$version" ] || { echo "build_deb: no __version__ in src/extradesk/__init__.py" >&2; exit 1; }
arch=$(dpkg --print-architecture)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"

install -d -m 0755 "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/metainfo" "$stage/DEBIAN"
cp -a "$bundle" "$stage/opt/extradesk"
ln -s /opt/extradesk/extradesk "$stage/usr/bin/extradesk"
install -m 0644 "$root/resources/linux/$app_id.desktop" "$stage/usr/share/applications/"
install -m 0644 "$root/resources/linux/$app_id.metainfo.xml" "$stage/usr/share/metainfo/"
for png in "$root"/resources/icons/extradesk-*.png; do
    size=$(basename "$png" .png); size=${size#extradesk-}
    install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
install -D -m 0644 "$root/resources/icons/extradesk.svg" \
    "$stage/usr/share/icons/hicolor/scalable/apps/$app_id.svg"

# Files as root's, readable by all; nothing writable by others whatever the umask was.
chmod -R u+rwX,go+rX,go-w "$stage/opt" "$stage/usr"
size_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)

# Qt's xcb platform plugin loads these from the system (installer/check_qt_libs.py).
cat > "$stage/DEBIAN/control" <<CONTROL
Package: extradesk
Version: $version
Architecture: $arch
Maintainer: extradesk <contact@extradesk.fr>
Installed-Size: $size_kb
Section: misc
Priority: optional
Depends: libc6, libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0,
 libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-render0, libxcb-shape0,
 libxcb-shm0, libxcb-sync1, libxcb-util1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0,
 libxkbcommon-x11-0
Homepage: https://extradesk.fr
Description: gestion commerciale hors ligne pour les artisans
 Fichier clients et ouvrages, devis, factures, articles et agenda synchronisé
 avec le téléphone, sur une base locale, même sans connexion.
CONTROL

mkdir -p "$out"
rm -f "$out"/extradesk_*.deb
deb="$out/extradesk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$stage" "$deb" >/dev/null
echo "$deb : $(du -sm "$deb" | cut -f1) Mo"
