#!/usr/bin/env bash
# Installs what `make run` (mode "run") or `make test` (mode "test") needs and is missing:
# Debian packages via apt (with sudo when not root), the UI's npm packages via `npm ci`, and,
# for tests, tauri-driver and cargo-deny at pinned versions. Safe to run again: it only installs
# what is absent.
set -euo pipefail

mode=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)
TAURI_DRIVER_VERSION=2.1.0
CARGO_DENY_VERSION=0.20.2
NODE_MIN=20.19.0

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# libfontconfig-dev: the PDFs find fallback fonts through fontconfig; fonts-noto-cjk and
# fonts-symbola are those fonts (Chinese, Japanese, Korean; emoji as outlines), which the .deb
# recommends.
run_packages=(build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev
  librsvg2-dev libayatana-appindicator3-dev libfontconfig-dev fonts-noto-cjk fonts-symbola)
# e2fsprogs and mount: the e2e test of a full and a read-only data disk (an ext4 image on a loop device).
# syncthing: the team folder carried between two real Syncthing instances (loopback only).
# xdotool: keys typed through the X server, so the menu bar's accelerators see them.
test_packages=(webkit2gtk-driver xvfb xauth dbus dbus-x11 at-spi2-core poppler-utils qpdf desktop-file-utils
  e2fsprogs mount syncthing xdotool)

packages=("${run_packages[@]}")
[ "$mode" = test ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing system packages (${missing[*]}) and no apt-get to install them"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

command -v cargo >/dev/null || die "Rust is not installed: install it with rustup (https://rustup.rs), then rerun"
if [ "$mode" = test ]; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" ||
      rustup component add "$component" >&2
  done
fi

command -v node >/dev/null || die "Node.js >= $NODE_MIN is needed for the UI build; none is installed"
node_version=$(node --version | sed 's/^v//')
if [ "$(printf '%s\n%s\n' "$NODE_MIN" "$node_version" | sort -V | head -n1)" != "$NODE_MIN" ]; then
  die "Node.js $node_version is too old: the UI build (Vite 8) needs Node.js >= $NODE_MIN"
fi

stamp="$root/ui/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/ui/package-lock.json" -nt "$stamp" ]; then
  say "installing UI packages (npm ci)"
  (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

if [ "$mode" = test ]; then
  driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
  if ! { [ -x "$driver" ] && cargo install --list | grep -q "^tauri-driver v$TAURI_DRIVER_VERSION:"; }; then
    say "installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked >&2
  fi
  if ! cargo install --list | grep -q "^cargo-deny v$CARGO_DENY_VERSION:"; then
    say "installing cargo-deny $CARGO_DENY_VERSION (licences and sources of dependencies)"
    # Its own target folder: the workspace's build cache is not invalidated by the tool's build.
    CARGO_TARGET_DIR="${TMPDIR:-/tmp}/hiring-panel-tools" \
      cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked >&2
  fi
fi
