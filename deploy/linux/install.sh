#!/usr/bin/env bash
# Installs (or updates) DVC Kiosk on a Debian/Ubuntu PC as an appliance:
#   - the bundle in /opt/dvc-kiosk (the previous one kept as /opt/dvc-kiosk.previous),
#   - a dedicated `kiosk` account with no password (nobody logs in as it),
#   - cage, a Wayland compositor that runs one full-screen program and nothing else
#     (no desktop, no panel, no VT switching), and xwayland, without which Debian 12's cage
#     0.1.4 refuses to start ("Cannot create XWayland server"),
#   - the systemd unit dvc-kiosk.service: cage + the kiosk on tty1 at power-on, through
#     /usr/local/libexec/dvc-kiosk-launch (which exits with the kiosk's own status: cage always
#     says 0), restarted 2 s after any exit but the deliberate one (status 0), for ever.
# IT then runs `dvc-kiosk provision …` once (see deploy/README.md) and reboots.
#
# Usage: sudo deploy/linux/install.sh [BUNDLE_DIR] [--x11]
#   BUNDLE_DIR  the built dist/dvc-kiosk folder (default: ./dvc-kiosk next to this script in a
#               release archive, else dist/dvc-kiosk of the source tree)
#   --x11       use a bare X server (xinit, no desktop) instead of cage, for PCs whose graphics
#               driver has no working Wayland/DRM support
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
prefix=/opt/dvc-kiosk
user=kiosk
mode=cage
bundle=""
for arg in "$@"; do
  case "$arg" in
    --x11) mode=x11 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) bundle="$arg" ;;
  esac
done
if [ -z "$bundle" ]; then
  if [ -x "$here/dvc-kiosk/dvc-kiosk" ]; then bundle="$here/dvc-kiosk"
  else bundle="$here/../../dist/dvc-kiosk"; fi
fi
bundle="$(cd "$bundle" 2>/dev/null && pwd)" || { echo "No bundle folder: build it with scripts/build_bundle.sh" >&2; exit 1; }
[ -x "$bundle/dvc-kiosk" ] || { echo "$bundle has no dvc-kiosk program" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "Run as root: sudo $0 $*" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "This script is for Debian/Ubuntu (apt-get)." >&2; exit 1; }

echo "== System packages"
# OS_PACKAGES: the shared libraries the bundle takes from the system rather than shipping
# them (build_kiosk.spec, "from_the_os"); apt brings their own dependencies.
os_packages=(libssl3 libstdc++6 libsqlite3-0 libffi8 libglib2.0-0 libfontconfig1 libfreetype6
  libpng16-16 libzstd1 libbrotli1 libdbus-1-3 libx11-6 libx11-xcb1 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libegl1 libgl1 libwayland-client0
  libwayland-cursor0 libwayland-egl1 libcups2 libpulse0 libgssapi-krb5-2 libspeechd2
  # QtWebEngine (the portal view): NSS for certificates, X extensions, GBM/DRI3, ALSA, udev
  libnss3 libnspr4 libxcomposite1 libxdamage1 libxext6 libxfixes3 libxrandr2 libxtst6
  libxkbfile1 libgbm1 libxcb-dri3-0 libasound2 libudev1 libexpat1)
pkgs=("${os_packages[@]}" speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)
# cage: Debian 12's 0.1.4 exits 1 at once without Xwayland, even for a Wayland-only client.
if [ "$mode" = cage ]; then pkgs+=(cage xwayland); else pkgs+=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils); fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null

echo "== Account '$user'"
if ! id "$user" >/dev/null 2>&1; then
  useradd --create-home --shell /usr/sbin/nologin --comment "DVC Kiosk" "$user"
  passwd --lock "$user" >/dev/null  # no password: nobody can log in as the kiosk
fi
for group in video render input audio; do
  getent group "$group" >/dev/null && usermod -aG "$group" "$user"
done

echo "== Program in $prefix"
systemctl stop dvc-kiosk.service 2>/dev/null || true
rm -rf "$prefix.new"
cp -a "$bundle" "$prefix.new"
chown -R root:root "$prefix.new"
chmod -R go-w "$prefix.new"
if [ -d "$prefix" ]; then rm -rf "$prefix.previous"; mv "$prefix" "$prefix.previous"; fi
mv "$prefix.new" "$prefix"
# The console build on PATH for IT: provision, status, self-test, export.
ln -sf "$prefix/dvc-kiosk-debug" /usr/local/bin/dvc-kiosk

echo "== Autostart ($mode) on tty1"
install -m 0644 "$here/pam-dvc-kiosk" /etc/pam.d/dvc-kiosk
if [ "$mode" = cage ]; then
  # Outside /opt/dvc-kiosk: a roll-back to an older bundle keeps the launcher the unit runs.
  install -D -m 0755 "$here/dvc-kiosk-launch" /usr/local/libexec/dvc-kiosk-launch
  install -m 0644 "$here/dvc-kiosk.service" /etc/systemd/system/dvc-kiosk.service
else
  install -m 0755 "$here/xinitrc" "$prefix/xinitrc"
  install -m 0644 "$here/dvc-kiosk-x11.service" /etc/systemd/system/dvc-kiosk.service
fi
systemctl daemon-reload
systemctl disable getty@tty1.service >/dev/null 2>&1 || true  # tty1 belongs to the kiosk
systemctl enable dvc-kiosk.service >/dev/null
systemctl set-default graphical.target >/dev/null
systemctl mask ctrl-alt-del.target >/dev/null  # Ctrl+Alt+Del on the console must not reboot

echo "== Self-test (offscreen, as $user)"
if runuser -u "$user" -- env QT_QPA_PLATFORM=offscreen "$prefix/dvc-kiosk-debug" self-test; then
  echo "Self-test passed."
else
  echo "Self-test FAILED: see the lines above; the kiosk is installed but may not work." >&2
fi

cat <<EOF

Installed. Next:
  1. Tell the kiosk where it is (asks for the volunteer PIN twice):
       sudo dvc-kiosk provision --kiosk-user $user --help-point ID \\
            --server https://COLLECTOR --token TOKEN --catalog-key catalog-public-key.txt
  2. Reboot (or: sudo systemctl start dvc-kiosk).
Diagnose:  sudo -u $user dvc-kiosk status · journalctl -u dvc-kiosk · logs in
           /home/$user/.local/state/dvc-kiosk/log/kiosk.log
Roll back: sudo mv $prefix $prefix.broken && sudo mv $prefix.previous $prefix && sudo systemctl restart dvc-kiosk
EOF
