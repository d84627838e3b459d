#!/usr/bin/env bash
# Reproducer for docs/QEMU-TCG-RACE.md: rounds of three instances launched at once (t2.micro, t3.small and
# c5.large, each on its type's default I/O profile), each round waiting up to 120 s for all three boot markers.
# A failed round prints the local APIC state of the guests that did not boot, leaves them running for a look,
# and stops. Uses its own state directory and pool, so it does not touch the default labvisor state.
#   usage: scripts/boot-stress.sh [ROUNDS]     (default 20)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export LABVISOR_HOME=${LABVISOR_HOME:-/var/lib/labvisor-boot-stress} LABVISOR_POOL=${LABVISOR_POOL:-labvisor-boot-stress}
LV="$ROOT/labvisor"
VIRSH="virsh -c qemu:///system"
"$ROOT/scripts/setup-host.sh" >/dev/null
"$LV" --output text describe-images >/dev/null   # builds the jar once, before the parallel launches
AMI=$("$LV" --output text describe-images | awk '$1=="IMAGES"{for(i=1;i<=NF;i++) if($i ~ /^ami-/){print $i; exit}}')
if [ -z "$AMI" ]; then
  AMI=$("$LV" --output text register-image --manifest "$ROOT/images/build/labvisor-tiny/manifest.json" | grep -o 'ami-[0-9a-f]*' | head -1)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for round in $(seq 1 "${1:-20}"); do
  for t in t2.micro t3.small c5.large; do
    "$LV" --output text run-instances --image-id "$AMI" --instance-type "$t" \
      | awk '$1=="INSTANCES"{for(i=1;i<=NF;i++) if($i ~ /^i-/){print $i; exit}}' > "$tmp/$t" &
  done
  wait
  ids=$(cat "$tmp"/t2.micro "$tmp"/t3.small "$tmp"/c5.large)
  start=$(date +%s)
  while :; do
    missing=""
    for id in $ids; do grep -q LABVISOR-BOOT "$LABVISOR_HOME/console/$id.log" 2>/dev/null || missing="$missing $id"; done
    [ -z "$missing" ] && break
    if [ $(( $(date +%s) - start )) -gt 120 ]; then
      echo "round $round: no boot marker after 120 s from$missing"
      for id in $missing; do
        echo "== $id: $($VIRSH domstate "$id" 2>&1 | head -1); QEMU log: $(tail -1 "/var/log/libvirt/qemu/$id.log")"
        for cpu in 0 1; do $VIRSH qemu-monitor-command "$id" --hmp "info lapic $cpu" 2>/dev/null | grep -E "LVTT|ISR|IRR|PPR"; done
      done
      exit 1
    fi
    sleep 1
  done
  echo "round $round: three boot markers $(( $(date +%s) - start )) s after the run calls returned"
  # shellcheck disable=SC2086
  "$LV" --output text terminate-instances --instance-ids $ids >/dev/null
done
