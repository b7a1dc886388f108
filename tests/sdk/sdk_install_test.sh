#!/usr/bin/env bash
# The installed SDK is enough to write a plugin: install the build into a
# temporary prefix, build tests/sdk-example from a copy against that prefix
# only (CMake package and pkg-config), run the installed server with the
# example enabled, and talk to it over the Janus HTTP API.
#
# Usage: sdk_install_test.sh BUILD_DIR EXAMPLE_SOURCE_DIR
# Environment (set by tests/sdk/CMakeLists.txt from GNUInstallDirs):
#   CMAKE (the cmake to use), CXX, INSTALL_BINDIR, INSTALL_LIBDIR,
#   INSTALL_INCLUDEDIR, INSTALL_SYSCONFDIR, PLUGIN_INSTALL_DIR,
#   WEB_INSTALL_DIR, SOURCE_ROOT.
set -euo pipefail

build_dir=$(cd "$1" && pwd)
example_src=$(cd "$2" && pwd)
cmake=${CMAKE:-cmake}
bindir=${INSTALL_BINDIR:-bin}
libdir=${INSTALL_LIBDIR:-lib}
includedir=${INSTALL_INCLUDEDIR:-include}
sysconfdir=${INSTALL_SYSCONFDIR:-etc}
plugindir_rel=${PLUGIN_INSTALL_DIR:-lib/portunus/plugins}
webdir_rel=${WEB_INSTALL_DIR:-share/portunus/web}
source_root=${SOURCE_ROOT:-$(cd "$example_src/../.." && pwd)}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portunus-sdk.XXXXXX")
prefix=$tmp/prefix
log=$tmp/server.log
pid=
cleanup() {
  local status=$?
  if [[ -n "$pid" ]]; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [[ $status -ne 0 && -s "$log" ]]; then echo "---- server log ----"; cat "$log"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

# An absolute install dir (e.g. -DCMAKE_INSTALL_SYSCONFDIR=/etc) ignores
# --prefix: installing would write outside the temporary prefix.
for d in "$bindir" "$libdir" "$includedir" "$sysconfdir" "$plugindir_rel" "$webdir_rel"; do
  [[ "$d" != /* ]] || fail "install dir '$d' is absolute; this test needs a build configured with relative install dirs"
done

# ---- 1. Install -------------------------------------------------------------
step "cmake --install $build_dir --prefix $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install failed"; }

for f in \
  "$bindir/portunus" \
  "$plugindir_rel/echotest.so" \
  "$sysconfdir/portunus/portunus.jsonc" \
  "$sysconfdir/portunus/plugins.d/echotest.jsonc" \
  "$includedir/portunus/plugin.h" \
  "$includedir/portunus/plugin.hpp" \
  "$includedir/portunus/media/rtp_rewriter.hpp" \
  "$libdir/libportunus_media.a" \
  "$libdir/cmake/Portunus/PortunusConfig.cmake" \
  "$libdir/cmake/Portunus/PortunusConfigVersion.cmake" \
  "$libdir/cmake/Portunus/PortunusTargets.cmake" \
  "$libdir/pkgconfig/portunus-plugin.pc" \
  "$webdir_rel/index.html"; do
  [[ -f "$prefix/$f" ]] || fail "not installed: $prefix/$f"
done
[[ -x "$prefix/$bindir/portunus" ]] || fail "$prefix/$bindir/portunus is not executable"
# Nothing installed may point back into the source or build tree.
if grep -rlF -e "$source_root" -e "$build_dir" "$prefix/$includedir/portunus" "$prefix/$libdir/cmake/Portunus" \
     "$prefix/$libdir/pkgconfig"; then
  fail "installed SDK files refer to the source or build tree (above)"
fi
echo "installed files: ok"

# ---- 2. Build the example with CMake, from a copy, against the prefix only ---
cp -r "$example_src" "$tmp/example"
rm -rf "$tmp/example/build"
step "configure tests/sdk-example (copy) with -DCMAKE_PREFIX_PATH=$prefix"
"$cmake" -S "$tmp/example" -B "$tmp/example-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$tmp/example-configure.log" 2>&1 \
  || { cat "$tmp/example-configure.log"; fail "configuring the example failed"; }
portunus_dir=$(sed -n 's/^Portunus_DIR:PATH=//p' "$tmp/example-build/CMakeCache.txt")
[[ "$portunus_dir" == "$prefix/$libdir/cmake/Portunus" ]] \
  || fail "find_package(Portunus) found '$portunus_dir', not the temporary prefix"
"$cmake" --build "$tmp/example-build" >"$tmp/example-build.log" 2>&1 \
  || { cat "$tmp/example-build.log"; fail "building the example failed"; }
grep -q -- "-I$prefix/$includedir\|-isystem $prefix/$includedir" "$tmp/example-build/compile_commands.json" \
  || { cat "$tmp/example-build/compile_commands.json"; fail "the example is not compiled against $prefix/$includedir"; }
if grep -qF -e "$source_root" -e "$build_dir" "$tmp/example-build/compile_commands.json"; then
  cat "$tmp/example-build/compile_commands.json"
  fail "the example's compile commands refer to the source or build tree"
fi
[[ -f "$tmp/example-build/example.so" ]] || fail "the example did not produce example.so"
nm -D --defined-only "$tmp/example-build/example.so" | grep -q ' portunus_plugin_entry$' \
  || fail "example.so does not export portunus_plugin_entry"
# The media toolkit is linked in (Portunus::media) and stays private to the plugin.
# (grep reads all of nm's output: an early exit would fail the pipe with SIGPIPE.)
nm -C "$tmp/example-build/example.so" | grep -F ' portunus::media::codecFromName' >/dev/null \
  || fail "example.so does not contain the media toolkit's codecFromName"
if nm -DC --defined-only "$tmp/example-build/example.so" | grep -F 'portunus::media::'; then
  fail "example.so exports media toolkit symbols (above)"
fi
echo "CMake build of the example: ok"

# The example's own install rule puts it into PORTUNUS_PLUGIN_DIR.
"$cmake" --install "$tmp/example-build" >/dev/null
[[ -f "$prefix/$plugindir_rel/example.so" ]] || fail "the example's install did not reach $prefix/$plugindir_rel"

# ---- 3. The pkg-config route ------------------------------------------------
step "pkg-config --cflags --libs portunus-plugin"
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
cflags=$(pkg-config --cflags portunus-plugin)
libs=$(pkg-config --libs portunus-plugin)
echo "cflags: $cflags"
echo "libs: $libs"
[[ "$cflags" == *"-I$prefix/$includedir"* ]] || fail "pkg-config --cflags gives '$cflags'"
[[ "$libs" == *"-L$prefix/$libdir"*"-lportunus_media"* ]] || fail "pkg-config --libs gives '$libs'"
[[ "$(pkg-config --variable=plugindir portunus-plugin)" == "$prefix/$plugindir_rel" ]] \
  || fail "pkg-config plugindir is '$(pkg-config --variable=plugindir portunus-plugin)'"
pkg-config --atleast-version=0.1 portunus-plugin || fail "pkg-config version below 0.1"
# shellcheck disable=SC2086  # cflags and libs are word lists
"${CXX:-c++}" -std=c++20 -shared -fPIC -fvisibility=hidden -Wl,--no-undefined $cflags "$tmp/example/example.cpp" \
  $libs -o "$tmp/example-pc.so" || fail "compiling with pkg-config flags failed"
nm -D --defined-only "$tmp/example-pc.so" | grep -q ' portunus_plugin_entry$' \
  || fail "the pkg-config build does not export portunus_plugin_entry"
echo "pkg-config build of the example: ok"

# ---- 4. Configuration: the installed one, on free ports, example enabled ----
conf=$tmp/conf
cp -r "$prefix/$sysconfdir/portunus" "$conf"
sed -i -E -e 's/"port": [0-9]+/"port": 0/' -e "s|\"state_dir\": \"\"|\"state_dir\": \"$tmp/state\"|" \
  "$conf/portunus.jsonc"
[[ $(grep -cE '"port": 0,' "$conf/portunus.jsonc") -eq 4 ]] || fail "could not set the four ports to 0 in portunus.jsonc"
grep -qF "\"state_dir\": \"$tmp/state\"" "$conf/portunus.jsonc" || fail "could not set state_dir in portunus.jsonc"
cat >"$conf/plugins.d/example.jsonc" <<'EOF'
// The SDK example, greeting "hi" instead of its default "hello".
{"enabled": true, "greeting": "hi"}
EOF

# plugins_dir stays "" on purpose: the installed binary must find its plugins
# beside itself ($bindir/../lib/portunus/plugins).
step "portunus --check-config"
"$prefix/$bindir/portunus" --check-config --config-dir "$conf" || fail "--check-config refused the configuration"

# ---- 5. Run the installed server and talk to the example --------------------
step "start $prefix/$bindir/portunus"
"$prefix/$bindir/portunus" --config-dir "$conf" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do # bounded: at most ~60 s
  grep -q '\[server\] ready' "$log" && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited early"
  sleep 0.1
done
grep -q '\[server\] ready' "$log" || fail "the server did not get ready"
grep -q 'example: loaded com.example.plugin.greeter' "$log" || fail "the example plugin was not loaded"
grep -q 'echotest: loaded portunus.plugin.echotest' "$log" || fail "the installed echotest plugin was not loaded"
grep -q '\[transport\] pages: demo' "$log" || fail "the installed binary did not find its web pages ($webdir_rel)"
base=$(grep -o 'listening client-http http://127\.0\.0\.1:[0-9]*/janus' "$log" | head -n1 | sed 's/^listening client-http //')
[[ "$base" =~ ^http://127\.0\.0\.1:[1-9][0-9]*/janus$ ]] || fail "no client-http listening line"
echo "client API: $base"

post() { curl -sS --max-time 10 -H 'Content-Type: application/json' -X POST "$1" -d "$2"; }

reply=$(post "$base" '{"janus":"create","transaction":"c1"}')
echo "create: $reply"
[[ "$reply" == *'"janus":"success"'* ]] || fail "create did not succeed"
session=$(grep -o '"data":{"id":[0-9]*}' <<<"$reply" | grep -o '[0-9][0-9]*')

reply=$(post "$base/$session" '{"janus":"attach","plugin":"example.greeter","transaction":"a1"}')
echo "attach: $reply"
[[ "$reply" == *'"janus":"success"'* ]] || fail "attach to example.greeter did not succeed"
handle=$(grep -o '"data":{"id":[0-9]*}' <<<"$reply" | grep -o '[0-9][0-9]*')

reply=$(post "$base/$session/$handle" '{"janus":"message","transaction":"m1","body":{"name":"sdk"}}')
echo "message: $reply"
[[ "$reply" == *'"janus":"success"'* ]] || fail "the message did not succeed"
[[ "$reply" == *'"transaction":"m1"'* ]] || fail "the answer is not for transaction m1"
# plugindata.plugin is the name the client attached with (the alias here).
plugin=$(grep -o '"plugin":"[^"]*"' <<<"$reply")
[[ "$plugin" == '"plugin":"example.greeter"' || "$plugin" == '"plugin":"com.example.plugin.greeter"' ]] \
  || fail "the answer is not from the example plugin ($plugin)"
data=$(grep -o '"data":{[^{}]*}' <<<"$reply" | sed -n 's/^"data":\(.*\)$/\1/p')
[[ "$data" == '{"greeting":"hi, sdk"}' ]] || fail "plugindata.data is '$data', expected {\"greeting\":\"hi, sdk\"}"

# The media toolkit at work inside the plugin: the codec's canonical name.
reply=$(post "$base/$session/$handle" '{"janus":"message","transaction":"m3","body":{"codec":"VP8"}}')
echo "codec message: $reply"
data=$(grep -o '"data":{[^{}]*}' <<<"$reply" | sed -n 's/^"data":\(.*\)$/\1/p')
[[ "$data" == '{"codec":"vp8"}' ]] || fail "plugindata.data is '$data', expected {\"codec\":\"vp8\"}"

# A body the plugin refuses comes back as an error with the plugin's code.
reply=$(post "$base/$session/$handle" '{"janus":"message","transaction":"m2","body":{"nom":"sdk"}}')
echo "bad message: $reply"
[[ "$reply" == *'"janus":"error"'* && "$reply" == *'"code":413'* ]] || fail "a body without name was not refused with 413"

# ---- 6. Stop ------------------------------------------------------------------
step "SIGTERM"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || fail "the server exited with status $status after SIGTERM"
grep -q 'example: destroyed' "$log" || fail "the example plugin was not destroyed on shutdown"
grep -q '\[server\] stopped' "$log" || fail "no '[server] stopped' line"
echo "sdk install test: ok"
