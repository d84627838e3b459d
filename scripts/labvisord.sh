#!/usr/bin/env bash
# labvisord, labvisor's controller: started, stopped and watched here (./labvisor daemon VERB runs this).
#   start [ARGS]   start it in the background under a supervisor that starts it again whenever it dies
#   stop           stop it (its cards and guests keep running; the next start adopts them)
#   restart        stop, then start
#   status         whether it runs, and what it says of itself
#   logs [-f]      its log
#   run [ARGS]     run it in the foreground (systemd's ExecStart)
# ARGS go to the daemon: --port N, --bind ADDR, --no-api. The state is LABVISOR_HOME's (default /var/lib/labvisor);
# every LABVISOR_* variable of the caller becomes the daemon's configuration. On a systemd host the default state's
# daemon is the unit labvisord.service that scripts/setup-host.sh installs; elsewhere this script supervises it.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
STATE=${LABVISOR_HOME:-/var/lib/labvisor}
JAR="$ROOT/target/labvisor.jar"
SUPERVISOR_PID="$STATE/labvisord-supervisor.pid"
DAEMON_PID="$STATE/labvisord.pid"
SOCKET="$STATE/labvisord.sock"
LOG="$STATE/labvisord.log"

say() { printf '[labvisord] %s\n' "$*"; }

systemd_managed() {
  [ -d /run/systemd/system ] && [ "$STATE" = /var/lib/labvisor ] && [ -f /etc/systemd/system/labvisord.service ]
}

supervisor_alive() { [ -f "$SUPERVISOR_PID" ] && kill -0 "$(cat "$SUPERVISOR_PID")" 2>/dev/null; }

daemon_ready() { [ -S "$SOCKET" ] && [ -f "$DAEMON_PID" ] && kill -0 "$(cat "$DAEMON_PID")" 2>/dev/null; }

# The daemon runs from its own copy of the jar: a rebuild of target/labvisor.jar under a running JVM breaks its
# class loading. Each (re)start takes the newest build.
daemon_command() {
  [ -f "$JAR" ] || { echo "no $JAR: build it with ./labvisor (or mvn -DskipTests package)" >&2; exit 1; }
  cp "$JAR" "$STATE/labvisord.jar.new" && mv -f "$STATE/labvisord.jar.new" "$STATE/labvisord.jar"
  DAEMON=(java -XX:+UseSerialGC -Dlabvisor.root="$ROOT" -cp "$STATE/labvisord.jar" io.labvisor.daemon.Labvisord "$@")
}

prepare_state() { mkdir -p "$STATE"; }

supervise() {
  echo $$ >"$SUPERVISOR_PID"
  local stopping= child= rc started quick=0
  trap 'stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null || true' TERM INT
  while [ -z "$stopping" ]; do
    daemon_command "$@"
    started=$(date +%s)
    "${DAEMON[@]}" &
    child=$!
    rc=0; wait "$child" || rc=$?
    # a signal interrupts wait before the daemon has finished stopping: wait for it to end
    while kill -0 "$child" 2>/dev/null; do wait "$child" || rc=$?; done
    child=
    [ -n "$stopping" ] && break
    if [ $(( $(date +%s) - started )) -lt 10 ]; then quick=$((quick + 1)); else quick=0; fi
    local delay=$(( quick > 5 ? 30 : (quick > 0 ? 1 << quick : 1) ))
    say "$(date -Is) labvisord exited with status $rc; starting it again in ${delay}s"
    sleep "$delay"
  done
  rm -f "$SUPERVISOR_PID"
  say "$(date -Is) stopped"
}

start() {
  if systemd_managed; then systemctl start labvisord.service; else
    if supervisor_alive; then
      say "already running (supervisor pid $(cat "$SUPERVISOR_PID"))"
      return 0
    fi
    prepare_state
    setsid "$0" supervise "$@" </dev/null >>"$LOG" 2>&1 &
  fi
  local i
  for i in $(seq 1 600); do # the first start on a fresh host connects libvirt and reconciles: seconds
    daemon_ready && { say "running (pid $(cat "$DAEMON_PID")), state $STATE, log $LOG"; return 0; }
    sleep 0.2
  done
  echo "labvisord did not come up; the end of $LOG:" >&2
  tail -n 30 "$LOG" >&2 || true
  exit 1
}

stop() {
  if systemd_managed; then systemctl stop labvisord.service; return 0; fi
  if ! supervisor_alive; then
    say "not running"
    return 0
  fi
  local pid i
  pid=$(cat "$SUPERVISOR_PID")
  kill -TERM "$pid"
  for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || { say "stopped"; return 0; }; sleep 0.1; done
  echo "labvisord (supervisor $pid) did not stop within 30 s" >&2
  exit 1
}

status() {
  if ! daemon_ready; then
    say "not running for $STATE"
    exit 3
  fi
  supervisor_alive && say "supervisor pid $(cat "$SUPERVISOR_PID")"
  systemd_managed && say "managed by systemd: labvisord.service"
  exec java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$JAR" io.labvisor.client.Client daemon status
}

verb=${1:-status}
shift || true
case "$verb" in
  start) start "$@" ;;
  stop) stop ;;
  restart) stop; start "$@" ;;
  status) status ;;
  logs) if [ "${1:-}" = -f ]; then exec tail -n 100 -F "$LOG"; else exec tail -n 200 "$LOG"; fi ;;
  run) prepare_state; daemon_command "$@"; exec "${DAEMON[@]}" ;;
  supervise) supervise "$@" ;;
  *) echo "usage: labvisor daemon start|stop|restart|status|logs [-f]|run" >&2; exit 2 ;;
esac
