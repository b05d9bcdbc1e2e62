#!/usr/bin/env bash
# Builds the Debian package: build/ecn-gateway_<version>_<arch>.deb, for this machine's
# architecture (dpkg --print-architecture), with dpkg-deb.
#   /usr/lib/ecn-gateway   the built service, its views, shipped config and production node_modules
#   /usr/bin/ecn           the command, on /etc/ecn/config.yaml by default
#   /etc/ecn/config.yaml   a conffile (config/default.yaml with the data in /var/lib/ecn)
#   /usr/lib/systemd/system  every unit of deploy/systemd/
# The production node_modules are a copy of this checkout's, pruned of development packages:
# better-sqlite3 is the one built here, for this machine's Node.js ABI and architecture, which
# is why the package's architecture is the build machine's (README, "arm64").
# ECN_DEB_REVISION (default 1) is the Debian revision: <package.json version>-<revision>.
# ECN_PACKAGE_BUILD=0 packages the dist/ already built (a second package of the same code).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ecn_root"

command -v dpkg-deb >/dev/null || ecn_die "dpkg-deb is needed (Debian's dpkg package)."
ecn_check_node

revision="${ECN_DEB_REVISION:-1}"
[[ "$revision" =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || ecn_die "ECN_DEB_REVISION must start with a digit (Debian revision), not '$revision'."
version="$(node -p 'require("./package.json").version')-$revision"
arch="$(dpkg --print-architecture)"
out="build/ecn-gateway_${version}_${arch}.deb"
stage="build/stage-$arch"
root="$stage/root"
lib="$root/usr/lib/ecn-gateway"

[ -d node_modules/better-sqlite3 ] || ecn_die "node_modules is missing: run npm ci first."
if [ "${ECN_PACKAGE_BUILD:-1}" = 0 ]; then
  [ -f dist/main.js ] || ecn_die "ECN_PACKAGE_BUILD=0, but dist/ is not built."
else
  ecn_build
fi

rm -rf "$stage"
mkdir -p "$lib" "$root/usr/bin" "$root/etc/ecn" "$root/usr/lib/systemd/system" \
  "$root/usr/share/doc/ecn-gateway/examples" "$root/DEBIAN"

# The service and what it reads at run time (package.json gives its version).
cp -a dist bin views locales config package.json package-lock.json "$lib/"
# Production packages only: the checkout's node_modules (node_modules may be a symlink; its
# content is copied), then npm removes the development ones. Nothing is downloaded.
cp -a node_modules/. "$lib/node_modules/"
rm -f "$lib/node_modules/.ecn-lock-sha"
(cd "$lib" && npm prune --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null) ||
  ecn_die "npm prune --omit=dev failed"
rm -f "$lib/package-lock.json"
[ -d "$lib/node_modules/typescript" ] && ecn_die "development packages are still in node_modules"
# better-sqlite3's build leftovers (object files, the static SQLite library, its test module).
native="$lib/node_modules/better-sqlite3/build/Release"
find "$native" -mindepth 1 -maxdepth 1 ! -name better_sqlite3.node -exec rm -rf {} +
rm -rf "$lib/node_modules/better-sqlite3/deps" "$lib/node_modules/better-sqlite3/src"

# The native module must be built for this architecture: a copied foreign binary would only
# fail on the box, at the first start.
machine="$(node -e '
  const b = require("fs").readFileSync(process.argv[1]);
  const m = b.readUInt16LE(18);
  console.log({ 0x3e: "amd64", 0xb7: "arm64", 0x28: "armhf", 0x03: "i386" }[m] || "unknown-" + m);
' "$native/better_sqlite3.node")"
[ "$machine" = "$arch" ] || ecn_die "better_sqlite3.node is built for $machine, not $arch: rebuild node_modules on (or for) $arch."
# Its newest glibc symbol version becomes a libc6 dependency, so a package built on a newer
# Debian is refused by apt on an older one instead of failing at start.
libc=""
if command -v objdump >/dev/null; then
  glibc="$(objdump -T "$native/better_sqlite3.node" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1 || true)"
  [ -n "$glibc" ] && libc="libc6 (>= $glibc), "
fi

install -m 0755 packaging/debian/ecn "$root/usr/bin/ecn"

# The box's configuration: the shipped defaults, with the data in /var/lib/ecn.
{
  echo "# /etc/ecn/config.yaml — the ECN gateway's configuration on this box (a conffile of the"
  echo "# ecn-gateway package: your changes are kept on upgrade). Every key: docs/configuration.md."
  grep -v '^# ECN gateway — default configuration' config/default.yaml |
    sed 's|^dataDir: ./data .*|dataDir: /var/lib/ecn # store, legal journal and its key, statistics: 0700, user ecn|'
} >"$root/etc/ecn/config.yaml"
grep -q '^dataDir: /var/lib/ecn ' "$root/etc/ecn/config.yaml" || ecn_die "config/default.yaml has no dataDir line to point at /var/lib/ecn"
chmod 0644 "$root/etc/ecn/config.yaml"
echo /etc/ecn/config.yaml >"$root/DEBIAN/conffiles"

# Every unit of deploy/systemd/, whoever added it; any other file there is a mistake.
units=()
for f in deploy/systemd/*; do
  name="$(basename "$f")"
  case "$name" in
    *.service | *.timer | *.socket | *.path | *.target) ;;
    *) ecn_die "deploy/systemd/$name is not a systemd unit (.service, .timer, .socket, .path, .target)" ;;
  esac
  grep -q '/opt/ecn' "$f" && ecn_die "deploy/systemd/$name still points at /opt/ecn; the package installs in /usr/lib/ecn-gateway"
  install -m 0644 "$f" "$root/usr/lib/systemd/system/$name"
  units+=("$name")
done
manual="$(grep -v '^#' packaging/debian/manual-units | xargs)"

# Examples the deployment guide copies from, and the licence.
cp -a deploy/nftables deploy/dnsmasq "$root/usr/share/doc/ecn-gateway/examples/"
cp deploy/prometheus/agent.yml "$root/usr/share/doc/ecn-gateway/examples/prometheus-agent.yml"
cat >"$root/usr/share/doc/ecn-gateway/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ecn-gateway

Files: *
License: AGPL-3.0-or-later

Files: usr/lib/ecn-gateway/node_modules/*
License: each package's own, in its folder (LICENSE or package.json)
EOF

for script in postinst prerm postrm; do
  sed -e "s|@UNITS@|${units[*]}|" -e "s|@MANUAL_UNITS@|$manual|" "packaging/debian/$script" >"$root/DEBIAN/$script"
  chmod 0755 "$root/DEBIAN/$script"
done
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@LIBC@|$libc|" \
  -e "s|@SIZE@|$(du -sk --exclude=DEBIAN "$root" | cut -f1)|" \
  packaging/debian/control.in >"$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  >"$root/DEBIAN/md5sums"

# Modes do not depend on the builder's umask; owners are root (--root-owner-group).
chmod -R a+rX,go-w "$root"
dpkg-deb --build --root-owner-group -Zxz "$root" "$out" >/dev/null
rm -rf "$stage"
echo "$out"
