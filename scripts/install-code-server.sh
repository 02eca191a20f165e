#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench served to a browser) and Debian's chromium for
# test/integration/code-server.test.ts, outside the project's package.json so `npm ci` stays lean.
#
#   scripts/install-code-server.sh        # installs what is missing, prints where code-server is
#
# code-server goes to $TRAIL_LINT_EDITORS/code-server (default ~/.cache/trail-lint-editors/code-server) and
# is reused when it runs. 4.100.3 (VS Code 1.100.3) is the last line for Node 20. Installing it as root on a
# clean Debian needs four fixes (docs: /work/shared/EDITORS.md): unsafe-perm for its postinstall, headers for
# kerberos' native build, Debian's ripgrep placed where @vscode/ripgrep looks before downloading from GitHub,
# and npm_config_yes for node-pty's npx prompt. Exits 0 with a message when it cannot install (no apt-get,
# not root): the suite then says it is skipped.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# What code-server 4.100.3's @vscode/ripgrep (1.15.11) downloads; its postinstall looks in this cache first.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_VERSION=v13.0.0-10
RIPGREP_TARGET=x86_64-unknown-linux-musl

editors="${TRAIL_LINT_EDITORS:-${XDG_CACHE_HOME:-$HOME/.cache}/trail-lint-editors}"
dir="$editors/code-server"
bin="$dir/node_modules/.bin/code-server"

say() { echo "install-code-server: $*"; }

can_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }

apt_install() {
  apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

start=$SECONDS

if ! command -v chromium >/dev/null 2>&1; then
  if can_apt; then
    say "installing Debian's chromium"
    apt_install chromium || say "chromium could not be installed: the code-server suite will be skipped"
  else
    say "no chromium and no apt-get as root: the code-server suite will be skipped"
  fi
fi

installed="$( ([ -x "$bin" ] && "$bin" --version 2>/dev/null) || true)"
if [ "${installed%% *}" = "$CODE_SERVER_VERSION" ]; then
  say "code-server $CODE_SERVER_VERSION already in $dir"
  exit 0
fi

if ! can_apt; then
  say "no code-server and no apt-get as root: the code-server suite will be skipped"
  exit 0
fi

case "$(uname -m)" in
  x86_64) ;;
  *) say "ripgrep placement knows only x86_64, not $(uname -m): the code-server suite will be skipped"; exit 0 ;;
esac

say "installing build headers and ripgrep (apt-get)"
if ! apt_install libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential ripgrep; then
  say "apt-get failed: the code-server suite will be skipped"
  exit 0
fi

# @vscode/ripgrep's postinstall takes $TMPDIR/vscode-ripgrep-cache-<its version>/<archive> before it
# tries GitHub; Debian's rg (13.0.0, the same release) packed as that archive.
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
archive="$cache/ripgrep-$RIPGREP_VERSION-$RIPGREP_TARGET.tar.gz"
if [ ! -s "$archive" ]; then
  mkdir -p "$cache"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$archive" -C "$stage" rg
  rm -rf "$stage"
fi

say "installing code-server $CODE_SERVER_VERSION into $dir (about 2 minutes, 300 MB)"
rm -rf "$dir"
mkdir -p "$dir"
echo '{ "name": "trail-lint-code-server", "private": true }' >"$dir/package.json"
log="$editors/code-server-install.log"
if ! (cd "$dir" &&
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-update-notifier "code-server@$CODE_SERVER_VERSION") >"$log" 2>&1; then
  tail -n 30 "$log"
  say "npm install failed (log: $log): the code-server suite will be skipped"
  rm -rf "$dir"
  exit 0
fi
if ! "$bin" --version >/dev/null 2>&1; then
  say "code-server does not start (log: $log): the code-server suite will be skipped"
  exit 0
fi
say "code-server $("$bin" --version | head -n 1) in $dir, $((SECONDS - start)) s"
