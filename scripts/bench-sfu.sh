# scripts/bench sfu: Portunus' sfu side by side with Debian's Janus videoroom.
# Sourced by scripts/bench (uses its build, start_server and record).
#
# Everything runs in a network namespace of its own: Janus 1.1.2 never gathers
# ICE candidates on a loopback interface (and falls back to every other one
# when its enforce list matches nothing), so the namespace gets `lo` plus an
# ifb device carrying 127.0.0.1/32, and both servers gather on that address.
# Nothing leaves the machine, and both servers see the same path.

sfu_janus_ws_port=8188

# Installs Debian packages the comparison needs when missing.
sfu_install() {
  local missing=() p
  for p in janus iproute2 libbenchmark-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "bench: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Janus with only the videoroom plugin and the WebSocket transport on
# 127.0.0.1, ICE on the namespace's ifb device, Portunus' RTP port range.
# $2: general.event_loops (0 = Janus's default, a loop per handle). Sets janus_pid.
start_janus() {
  local dir=$1/janus loops=$2 lib
  lib=$(dirname "$(dpkg -L janus | grep -m1 '/janus/plugins/libjanus_videoroom.so$')")/..
  rm -rf "$dir" && mkdir -p "$dir/conf" "$dir/plugins" "$dir/transports"
  ln -s "$lib/plugins/libjanus_videoroom.so" "$dir/plugins/"
  ln -s "$lib/transports/libjanus_websockets.so" "$dir/transports/"
  cat >"$dir/conf/janus.jcfg" <<CFG
general: {
	configs_folder = "$dir/conf"
	plugins_folder = "$dir/plugins"
	transports_folder = "$dir/transports"
	events_folder = "$dir/none"
	loggers_folder = "$dir/none"
	debug_level = 4
$( ((loops > 0)) && echo "	event_loops = $loops")
}
media: {
	rtp_port_range = "20000-40000"
}
nat: {
	ice_enforce_list = "bench0"
	ignore_mdns = true
}
CFG
  echo 'general: {}' >"$dir/conf/janus.plugin.videoroom.jcfg"
  cat >"$dir/conf/janus.transport.websockets.jcfg" <<CFG
general: {
	ws = true
	ws_port = $sfu_janus_ws_port
	ws_ip = "127.0.0.1"
	wss = false
}
admin: {
	admin_ws = false
	admin_wss = false
}
CFG
  janus -C "$dir/conf/janus.jcfg" -F "$dir/conf" >"$dir/janus.log" 2>&1 &
  janus_pid=$!
  for _ in $(seq 100); do
    grep -q 'WebSockets thread started' "$dir/janus.log" && return 0
    kill -0 "$janus_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/janus.log"
  echo "bench: janus did not start" >&2
  exit 1
}

sfu_cleanup() {
  local p
  for p in ${janus_pid:-} ${server_pid:-}; do stop_pid "$p"; done
  rm -rf "$work"
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# One loadgen run; appends its JSON line, tagged with the server, to $results.
# Returns non-zero when the run failed (the line is then not written).
sfu_run() {
  local server=$1 port=$2 pid=$3
  shift 3
  local line
  line=$(build/bin/loadgen --port "$port" --server-pid "$pid" --srtp-profile AES_CM_128_HMAC_SHA1_80 "$@" \
         2>>"$work/loadgen.log") || return 1
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["server"]=sys.argv[2]; print(json.dumps(r))' \
    "$line" "$server" >>"$results"
  python3 - "$line" "$server" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"  {sys.argv[2]:<16} {r['scenario']:<10} subs {r['subscribers']:>4}  fwd {r['forwarded_pps']:>7.0f}/s  "
      f"loss {100 * r['loss']:6.2f} %  p99 {r['delay_p99_ms']:7.2f} ms  cpu {r['server_cpu_ms_per_1000_pkts']:7.3f} ms/1000  "
      f"loadgen cpu {r['loadgen_cpu_s']:.1f} s / {r['window_s']:.1f} s")
PY
}

# Starts server $1 (janus, janus-loopsN or portunus); sets spid and sport.
sfu_start() {
  case $1 in
    janus) start_janus "$work" 0 && spid=$janus_pid sport=$sfu_janus_ws_port ;;
    janus-loops*) start_janus "$work" "${1#janus-loops}" && spid=$janus_pid sport=$sfu_janus_ws_port ;;
    portunus)
      start_server "$work" '"media": {"ice": {"interfaces": ["127.0.0.1"], "port_min": 20000, "port_max": 40000}},'
      spid=$server_pid sport=$ws_port ;;
  esac
  echo "bench: $1 (pid $spid)"
}

# Restarts server $1 when it is no longer running, saying so (and keeping the
# end of its log in the output): a crash is a result too.
sfu_up() {
  kill -0 "$spid" 2>/dev/null && return 0
  wait "$spid" 2>/dev/null && echo "bench: $1 exited" || echo "bench: $1 died (status $?); its log ends:"
  tail -5 "$work/server.log" "$work/janus/janus.log" 2>/dev/null | sed 's/^/    /'
  echo "$1" >>"$work/crashes"
  sfu_start "$1"
}

# Every scenario against server $1, restarted if it dies on the way.
sfu_scenarios() {
  local server=$1 s
  sfu_start "$server"
  for s in "${fanout_steps[@]}"; do
    sfu_up "$server"
    sfu_run "$server" "$sport" "$spid" --scenario fanout --subscribers "$s" --duration-s "$window" || break
    # Capacity found: loss >= 1 % or p99 >= 50 ms at this step.
    tail -1 "$results" | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(r["loss"] >= 0.01 or r["delay_p99_ms"] >= 50)' || break
  done
  sfu_up "$server"
  sfu_run "$server" "$sport" "$spid" --scenario meeting --rooms "$meeting_rooms" --publishers 6 --mesh \
    --duration-s "$window" || echo "  $server meeting: failed (see $work/loadgen.log)"
  if ((!quick)); then
    sfu_up "$server"
    sfu_run "$server" "$sport" "$spid" --scenario fanout-gcm --subscribers 25 --duration-s "$window" \
      --srtp-profile AEAD_AES_128_GCM || echo "  $server fanout-gcm: failed (see $work/loadgen.log)"
  fi
  sfu_up "$server"
  sfu_run "$server" "$sport" "$spid" --scenario audio-only --publishers "$audio_participants" --mesh --audio-only \
    --duration-s "$window" || echo "  $server audio-only: failed (see $work/loadgen.log)"
  sfu_up "$server" # a crash while the last run ended counts too
  stop_pid "$spid"
  janus_pid= server_pid=
}

bench_sfu() {
  local quick=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --quick) quick=1 ;;
      *) usage ;;
    esac
    shift
  done
  if [[ -z ${PORTUNUS_BENCH_NETNS:-} ]]; then
    sfu_install
    build portunus sfu loadgen forwarding_floor
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    exec $sudo env PORTUNUS_BENCH_NETNS=1 unshare --net -- "$0" sfu "$@" $( ((quick)) && echo --quick)
  fi
  ip link set lo up
  ip link add bench0 type ifb
  ip addr add 127.0.0.1/32 dev bench0
  ip link set bench0 up

  local window meeting_rooms audio_participants
  if ((quick)); then
    window=3 meeting_rooms=1 audio_participants=20 fanout_steps=(10 40)
  else
    # 50 audio participants in one meeting (122 500 packets/s) saturate the
    # load generator on 2 cores (docs/performance.md): 25 is what it sustains.
    window=8 meeting_rooms=2 audio_participants=25 fanout_steps=(10 50 100 125 150 200)
  fi
  work=$(mktemp -d /tmp/portunus-bench-sfu.XXXXXX)
  results=$work/results.jsonl
  : >"$results"
  trap sfu_cleanup EXIT
  echo "bench: sfu side by side, $(nproc) cores, ${window}s windows (work dir $work)"

  # The floor, for the profile the scenarios use (AES_CM_128_HMAC_SHA1_80):
  # the cheapest of protect + sendmmsg and protect + GSO, per packet.
  build/bin/forwarding_floor --benchmark_format=json --benchmark_min_time=0.3 >"$work/floor.json" 2>/dev/null
  local floor_ns
  floor_ns=$(python3 - "$work/floor.json" <<'PY'
import json, sys
floor = None
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    ns = None if "error_occurred" in b else 1e9 / b["items_per_second"]
    print(f"  floor {b['name']:<22} " + ("unavailable" if ns is None else f"{ns:6.0f} ns per packet"), file=sys.stderr)
    if ns and b["name"].startswith("Floor") and b["name"].endswith("gcm:0"):
        floor = ns if floor is None else min(floor, ns)
print(f"{floor:.0f}" if floor else "")
PY
)

  sfu_scenarios janus
  ((quick)) || sfu_scenarios "janus-loops$(nproc)"
  mkdir -p "$work/conf/plugins.d"
  echo '{"enabled": true}' >"$work/conf/plugins.d/sfu.jsonc"
  sfu_scenarios portunus

  local report
  touch "$work/crashes"
  report=$(python3 scripts/bench_sfu_report.py "$results" "$floor_ns" "$work/crashes" \
    "\`scripts/bench sfu$( ((quick)) && echo ' --quick')\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1))")
  ((quick)) || record "SFU side by side with Janus" "$(sed '$d' <<<"$report")"
  sed '$d' <<<"$report"
  ((quick)) || echo "bench: recorded in docs/performance.md"
  tail -1 <<<"$report"
}
