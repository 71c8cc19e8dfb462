#!/usr/bin/env bash
# The .deb from end to end, as CI runs it after the test suite (deploy/setup.sh test):
# build it with `cpack -G DEB`, show it, lint it, install it with apt-get, run the installed
# player, verify the installed unit, remove it (the config stays), purge it (nothing stays).
# One line per check ("ok: ..." or "FAIL: ..."); exits non-zero if any check fails.
#
# Usage: deploy/package-check.sh [BUILD_DIR]      (default: build/, already built)
#
# It installs and purges the package system-wide, so it runs as root, or as a user with
# password-less sudo. It refuses to start on a machine where signage-player is already
# installed, or was installed by hand (its config, its user): a purge would delete them.
# The sh -c '...' sh ARG checks below expand their $1 in that shell, on purpose.
# shellcheck disable=SC2016
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:-$here/build}" && pwd)
started=$(date +%s)
failures=0

ok() { echo "package-check: ok: $*"; }
fail() { echo "package-check: FAIL: $*"; failures=$((failures + 1)); }
die() { echo "package-check: FAIL: $*"; exit 1; }
# check DESCRIPTION COMMAND...: one line saying whether COMMAND succeeded.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
absent() { [ ! -e "$1" ] && [ ! -L "$1" ]; }
no_user() { ! getent passwd signage-player >/dev/null; }
no_group() { ! getent group signage-player >/dev/null; }
not_installed() { ! dpkg-query -W -f='${Status}' signage-player 2>/dev/null | grep -q .; }

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || die "needs root or password-less sudo: it installs and purges the .deb"
  sudo=(sudo -n)
fi
# Waits for the dpkg lock (another apt-get, unattended-upgrades) rather than failing.
apt() { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 "$@"; }

if ! { not_installed && [ ! -e /etc/signage-player ] && no_user; }; then
  die "signage-player is installed here, or its config or user exist: this check would purge them; run it on a clean machine (CI) or purge the package first"
fi

# 1. Build the package.
rm -f "$build_dir"/signage-player_*.deb
(cd "$build_dir" && cpack -G DEB) || die "cpack -G DEB in $build_dir"
debs=("$build_dir"/signage-player_*_"$(dpkg --print-architecture)".deb)
[ -f "${debs[0]}" ] || die "cpack made no signage-player_*.deb in $build_dir"
deb=${debs[0]}
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $(($(date +%s) - started)) s"

echo "--- dpkg-deb -I $(basename "$deb")"
dpkg-deb -I "$deb"
echo "--- dpkg-deb -c $(basename "$deb")"
dpkg-deb -c "$deb"
echo "---"
check "the conffile is /etc/signage-player/config.toml" \
  sh -c 'dpkg-deb --ctrl-tarfile "$1" | tar -xO ./conffiles | grep -qx /etc/signage-player/config.toml' sh "$deb"
check "Depends comes from shlibdeps (libsdl2, libcurl) and names adduser" \
  sh -c 'd=$(dpkg-deb -f "$1" Depends); case $d in *libsdl2*libcurl*|*libcurl*libsdl2*) ;; *) exit 1;; esac; case $d in *adduser*) ;; *) exit 1;; esac' sh "$deb"

# 2. Lint it. Tags that remain are overridden in deploy/debian/lintian-overrides, each with
# its reason (deploy/README.md, Package).
if command -v lintian >/dev/null; then
  # (As root, lintian says it is "not recommended": a note, dropped here.)
  if lintian_out=$(lintian --fail-on error,warning "$deb" 2>&1); then
    ok "lintian: no errors or warnings (the tags overridden, with reasons: deploy/debian/lintian-overrides)"
  else
    fail "lintian"
  fi
  lintian_out=$(echo "$lintian_out" | grep -v '^running with root privileges is not recommended' || true)
  [ -z "$lintian_out" ] || echo "$lintian_out"
else
  fail "lintian is not installed (Debian package lintian; deploy/setup.sh installs it)"
fi

# 3. Install it as the officer does.
apt install -y -q "$deb" >/tmp/package-check-install.log 2>&1 ||
  { cat /tmp/package-check-install.log; die "apt-get install -y $deb"; }
ok "apt-get install -y ./$(basename "$deb")"

# 4. The installed player, data, unit, user and config.
if version=$(/usr/bin/signage-player --version 2>&1); then
  ok "signage-player --version: $version"
else
  fail "signage-player --version: $version"
fi
check "signage-player check-config /etc/signage-player/config.toml" \
  /usr/bin/signage-player check-config /etc/signage-player/config.toml
png=$(mktemp -d)/x.png
check "signage-player render --at 3 --size 640x360 --out $png (the installed config)" \
  /usr/bin/signage-player render --at 3 --size 640x360 --out "$png" --config /etc/signage-player/config.toml
check "$png is a PNG" sh -c 'head -c 8 "$1" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a"' sh "$png"
rm -rf "$(dirname "$png")"
check "the system user signage-player exists, no login shell, home /var/lib/signage-player" \
  sh -c 'getent passwd signage-player | grep -q ":/var/lib/signage-player:/usr/sbin/nologin$"'
for group in video render input; do
  if getent group "$group" >/dev/null; then
    check "signage-player is in the group $group" sh -c 'id -nG signage-player | tr " " "\n" | grep -qx "$1"' sh "$group"
  fi
done
check "the service is enabled (multi-user.target.wants/signage-player.service)" \
  test -L /etc/systemd/system/multi-user.target.wants/signage-player.service
if verify=$(systemd-analyze verify --man=no /lib/systemd/system/signage-player.service 2>&1) && [ -z "$verify" ]; then
  ok "systemd-analyze verify /lib/systemd/system/signage-player.service: clean"
else
  fail "systemd-analyze verify /lib/systemd/system/signage-player.service: $verify"
fi

# 5. Reinstall, as an upgrade runs the scripts (the user exists, the service was enabled): an
# edit of the config is kept, since it is a conffile.
echo "# an edit by the officer" | "${sudo[@]}" tee -a /etc/signage-player/config.toml >/dev/null
apt install --reinstall -y -q "$deb" >/tmp/package-check-install.log 2>&1 ||
  { cat /tmp/package-check-install.log; die "apt-get install --reinstall -y $deb"; }
ok "apt-get install --reinstall -y ./$(basename "$deb") (the upgrade path of the scripts)"
check "after reinstall: the officer's edit of the config is kept" \
  grep -qx "# an edit by the officer" /etc/signage-player/config.toml

# 6. Remove: the program goes, the config stays. What the running service would have made
# (CacheDirectory=, StateDirectory=) is made here, since CI has no running systemd.
"${sudo[@]}" install -d -o signage-player -g signage-player /var/cache/signage-player /var/lib/signage-player
"${sudo[@]}" touch /var/cache/signage-player/feed.body /var/lib/signage-player/state
apt remove -y -q signage-player >/tmp/package-check-remove.log 2>&1 ||
  { cat /tmp/package-check-remove.log; die "apt-get remove -y signage-player"; }
ok "apt-get remove -y signage-player"
check "after remove: /usr/bin/signage-player is gone" absent /usr/bin/signage-player
check "after remove: /etc/signage-player/config.toml is kept" test -f /etc/signage-player/config.toml

# 7. Purge: nothing is left.
apt purge -y -q signage-player >/tmp/package-check-purge.log 2>&1 ||
  { cat /tmp/package-check-purge.log; die "apt-get purge -y signage-player"; }
ok "apt-get purge -y signage-player"
check "after purge: dpkg knows no signage-player" not_installed
for path in /etc/signage-player /usr/bin/signage-player /usr/share/signage-player /usr/share/doc/signage-player \
  /usr/share/lintian/overrides/signage-player /lib/systemd/system/signage-player.service \
  /etc/systemd/system/signage-player.service /etc/systemd/system/multi-user.target.wants/signage-player.service \
  /var/lib/systemd/deb-systemd-helper-enabled/signage-player.service \
  /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/signage-player.service \
  /var/lib/systemd/deb-systemd-helper-masked/signage-player.service \
  /var/cache/signage-player /var/lib/signage-player; do
  check "after purge: no $path" absent "$path"
done
check "after purge: no user signage-player" no_user
check "after purge: no group signage-player" no_group

elapsed=$(($(date +%s) - started))
if [ "$failures" -ne 0 ]; then
  echo "package-check: $failures check(s) FAILED ($elapsed s)"
  exit 1
fi
echo "package-check: all checks passed ($elapsed s)"
