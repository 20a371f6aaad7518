#!/bin/bash
# Requests/s of a bridged lab web server under ApacheBench, as docs/performance.md ("Real time through
# the bridge") records them. As root: a network namespace wirelab-ab with one end of a veth pair
# (198.18.10.1/24, offloads off), the other end (wlab-ab0) bridged into a lab whose server srv
# (198.18.10.2/24, one 18-byte page) is linked to the bridge at 10 Gbit/s; ab runs in the namespace with
# and without keep-alive; then the lab is stopped with Ctrl-C (SIGINT) and prints the largest lag of an
# event behind the wall clock. Everything is torn down at the end, also on failure.
#   sudo tools/bridge-ab.sh [REQUESTS [CONCURRENCY]]      (defaults: 50000 requests, 50 at a time)
# WIRELAB names another command to run the lab with (default: this checkout's ./wirelab).
# Not under chrt -f: SCHED_FIFO ab and lab threads meet Linux's real-time throttling (95 % of each second)
# and queue behind the JVM's own FIFO threads, 10-50 ms stalls in the lag line (docs/performance.md).
# Uses 198.18.0.0/15 (RFC 2544 benchmarking) only; needs ip, ethtool, ab, curl, libpcap.
set -eu
requests=${1:-50000}
concurrency=${2:-50}
root=$(cd "$(dirname "$0")/.." && pwd -P)
ns=wirelab-ab
here=wlab-ab0
there=wlab-ab1
work=$(mktemp -d /tmp/wirelab-ab.XXXXXX)
lab_pid=

cleanup() {
  if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then kill -INT "$lab_pid"; wait "$lab_pid" || true; fi
  ip netns del "$ns" 2>/dev/null || true
  ip link del "$here" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

[ "$(id -u)" = 0 ] || { echo "bridge-ab: needs root (network namespace, veth pair, raw capture)" >&2; exit 2; }
for tool in ip ethtool ab curl; do
  command -v "$tool" >/dev/null || { echo "bridge-ab: $tool is not installed" >&2; exit 2; }
done

ip netns add "$ns"
ip link add "$here" type veth peer name "$there" netns "$ns"
sysctl -qw "net.ipv6.conf.$here.disable_ipv6=1"
ip link set "$here" up
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ethtool -K "$there" tx off tso off gso off >/dev/null
ip netns exec "$ns" ip addr add 198.18.10.1/24 dev "$there"
ip netns exec "$ns" ip link set "$there" up

set -m   # the lab in its own process group, where Ctrl-C (SIGINT) is not ignored as in a background job

cat > "$work/ab.yaml" <<EOF
name: bridge-ab
description: one web server behind a bridge, for ApacheBench from a network namespace
nodes:
  uplink: { kind: bridge, interface: $here }
  srv: { kind: server, ip: 198.18.10.2/24, services: { web: { pages: { /: "hello from the lab" } } } }
links:
  - [uplink, srv, { bandwidth: 10Gbps }]
EOF

env --default-signal=INT ${WIRELAB:-"$root/wirelab"} run "$work/ab.yaml" --out "$work/out" --for 1h >"$work/lab.out" 2>"$work/lab.err" &
lab_pid=$!
set +m
i=0
until ip netns exec "$ns" curl -s -o /dev/null -m 1 http://198.18.10.2/; do
  i=$((i + 1))
  if [ $i -ge 120 ] || ! kill -0 "$lab_pid" 2>/dev/null; then
    echo "bridge-ab: the lab's web server did not answer" >&2
    cat "$work/lab.err" >&2
    exit 1
  fi
  sleep 0.5
done

# the lab's child processes, from /proc (pgrep reads every process's files: several ms of CPU that, under
# chrt -f, held a core the lab's threads of the same priority then waited for, between the two ab runs)
lab_children() {
  cat /proc/"$lab_pid"/task/*/children 2>/dev/null || true
}

# CPU time (user + system, in clock ticks) of the lab's processes so far: the launcher's JVM and the one
# it starts for a bridged lab (docs/performance.md, "JVM profiles")
lab_ticks() {
  # shellcheck disable=SC2046
  for p in "$lab_pid" $(lab_children); do awk '{print $14 + $15}' "/proc/$p/stat"; done | awk '{s += $1} END {print s}'
}

# the uptime of the JVM that runs the lab (the relaunched one, else the launcher's), in ms like -Xlog's
# uptimemillis, so the ab phases can be matched with a GC log and the worst stretches behind
lab_uptime_ms() {
  # shellcheck disable=SC2046
  set -- $(lab_children)
  p=${1:-$lab_pid}
  awk -v hz="$(getconf CLK_TCK)" -v up="$(cut -d' ' -f1 /proc/uptime)" '{printf "%d", (up - $22 / hz) * 1000}' "/proc/$p/stat"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in -k ""; do
  before=$(lab_ticks)
  started=$(lab_uptime_ms)
  # shellcheck disable=SC2086
  ip netns exec "$ns" ab -q $mode -c "$concurrency" -n "$requests" http://198.18.10.2/ >"$work/ab.txt" 2>&1 || true
  after=$(lab_ticks)
  printf 'ab %s-c %s -n %s (lab JVM uptime %s-%s ms): ' "${mode:+$mode }" "$concurrency" "$requests" "$started" "$(lab_uptime_ms)"
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
      '/^Complete requests/ {c=$3} /^Failed requests/ {f=$3} /^Requests per second/ {r=$4}
       END {printf "%s requests/s, %s complete, %s failed; the lab used %.2f s of CPU, %.0f us a request\n", r, c, f, ticks / hz, ticks / hz / n * 1e6}' "$work/ab.txt"
  grep -q '^Requests per second' "$work/ab.txt" || tail -n 3 "$work/ab.txt"
done

# ab's kernel: a SYN the lab never answered is retransmitted after 1 s (a frame lost on its way in)
ip netns exec "$ns" nstat -az TcpExtTCPSynRetrans TcpRetransSegs | awk '/^Tcp/ {printf "%s %s  ", $1, $2} END {print "(ab\x27s side)"}'
kill -INT "$lab_pid"
wait "$lab_pid" || true
lab_pid=
echo "the lab wrote $(du -sk "$work/out" | cut -f1) KiB to $work/out ($(df --output=fstype "$work" | tail -n 1))"
# the lag lines (events' lateness, frames' wait before intake), each bridge's counts and drops; with -Dwirelab.realtime.stretches=true in
# WIRELAB_JAVA_OPTS also the worst stretches behind, with the simulator thread's CPU time in each
grep -hE '^real time|^bridge |^  [0-9.]+ (ns|us|ms|s)  ' "$work/lab.out" "$work/lab.err"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
