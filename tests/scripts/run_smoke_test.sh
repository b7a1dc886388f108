#!/usr/bin/env bash
# scripts/run starts the server with the repository's conf/ on the Janus
# default ports, and the README's curl gets a session.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
log=$(mktemp)
cleanup() {
  [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

"$root/scripts/run" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do                      # bounded: at most ~300 s (it may build)
  grep -q "\[server\] ready" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "scripts/run exited early"; exit 1; }
  sleep 0.1
done
grep -q "\[server\] ready" "$log" || { cat "$log"; echo "server not ready"; exit 1; }
grep -q "listening client-http http://127.0.0.1:8088/janus" "$log"
grep -q "listening client-ws ws://127.0.0.1:8188/" "$log"

reply=$(curl -s -X POST localhost:8088/janus -d '{"janus":"create","transaction":"t"}')
echo "$reply"
[[ "$reply" =~ \"janus\":\"success\" && "$reply" =~ \"data\":\{\"id\":[0-9]+\} ]]

kill -TERM "$pid"
wait "$pid"
status=$?
pid=
grep -q "\[server\] stopped" "$log"
echo "scripts/run: ok, exit status $status"
exit "$status"
