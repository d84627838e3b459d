#!/usr/bin/env bash
# CLI latency with labvisord running: ./labvisor (the thin client) against the AWS CLI over the Query API, both
# answered by the same daemon. Median, min and max wall time of N runs each, on a quiet host.
#   scripts/bench-cli-latency.sh [N] [OUT_DIR]     (default 15, docs/bench/<date>-cli-latency)
# Needs labvisord running for the default state (./labvisor daemon start) and the AWS CLI (`aws`) for its rows.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-15}
OUT=${2:-$ROOT/docs/bench/$(date +%F)-cli-latency}
mkdir -p "$OUT"
cd "$ROOT"
./labvisor daemon status >/dev/null

time_runs() { # label, command...
  local label=$1; shift
  "$@" >/dev/null 2>&1 || { echo "$label: the command failed: $*" >&2; "$@"; exit 1; }  # warm-up, and a check
  local i s e
  for i in $(seq 1 "$N"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    echo "$label,$(( (e - s) / 1000000 ))"
  done
}

RAW="$OUT/runs.csv"
echo "command,ms" >"$RAW"
time_runs "labvisor describe-instances" ./labvisor describe-instances >>"$RAW"
time_runs "labvisor describe-instance-types" ./labvisor describe-instance-types --instance-types t3.micro >>"$RAW"
AWS_ROW=
if command -v aws >/dev/null; then
  KEY=$(./labvisor create-access-key)
  export AWS_ACCESS_KEY_ID=$(printf '%s' "$KEY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKey"]["AccessKeyId"])')
  export AWS_SECRET_ACCESS_KEY=$(printf '%s' "$KEY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKey"]["SecretAccessKey"])')
  export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
  time_runs "aws ec2 describe-instances" aws ec2 --endpoint-url http://127.0.0.1:8787 describe-instances >>"$RAW"
  ./labvisor delete-access-key --access-key-id "$AWS_ACCESS_KEY_ID" >/dev/null
  AWS_ROW=1
fi
time_runs "java -version (bare JVM start)" java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version >>"$RAW"

{
  echo "# CLI latency with labvisord"
  echo
  echo "Measured $(date -Is) on $(hostname) ($(nproc) CPUs, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)),"
  echo "$N runs each after one warm-up, wall time of the whole command. Reproduce: \`scripts/bench-cli-latency.sh $N\`."
  echo "Instances in the state: $(./labvisor describe-instances | grep -c '"InstanceId"')."
  echo
  echo "| command | median ms | min ms | max ms |"
  echo "|---|---|---|---|"
  tail -n +2 "$RAW" | python3 -c '
import sys, statistics, collections
runs = collections.OrderedDict()
for line in sys.stdin:
    label, ms = line.rstrip().rsplit(",", 1)
    runs.setdefault(label, []).append(int(ms))
for label, v in runs.items():
    print(f"| `{label}` | {statistics.median(v):.0f} | {min(v)} | {max(v)} |")'
  echo
  echo "\`./labvisor\` is the bash launcher (a staleness check of the jar against the sources), then a JVM that loads"
  echo "java.base only and sends the command line over labvisord's unix socket. The bare JVM start is the floor."
  [ -n "$AWS_ROW" ] || echo "The AWS CLI was not installed: no aws row."
} >"$OUT/report.md"
cat "$OUT/report.md"
