#!/usr/bin/env bash
# Boots the built labvisor-tiny AMI under plain QEMU (TCG) and checks its console protocol (docs/CONTRACTS.md):
#   virtio     virtio-blk + virtio-net, DMI identity, fw_cfg user data; a second boot of the same root volume
#              must skip the user data
#   q35-ahci   q35 AHCI disk + e1000 NIC
#   pc-ide     i440FX IDE disk + e1000e NIC
# Every run ends with `system_powerdown` on the QEMU monitor: the guest must print LABVISOR-POWEROFF
# reason=acpi and QEMU must exit. Guests get only QEMU's restricted user network (restrict=on): no traffic
# leaves QEMU. Usage: images/test-tiny-ami.sh [ami-dir]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
AMI=${1:-$ROOT/images/build/labvisor-tiny}
[ -f "$AMI/manifest.json" ] || { echo "no AMI at $AMI (run images/build-tiny-ami.sh)" >&2; exit 1; }
CMDLINE=$(sed -n 's/.*"kernelCmdline": *"\([^"]*\)".*/\1/p' "$AMI/manifest.json")
WORK=$(mktemp -d)
QEMU_PID=
trap '[ -z "$QEMU_PID" ] || kill "$QEMU_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

fail() { echo "FAIL [$NAME]: $*" >&2; grep -a LABVISOR "$LOG" >&2 || tail -n 20 "$LOG" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_vm NAME DISK QEMU-ARGS...: boots the AMI with DISK (a qcow2 overlay of root.qcow2) in the background.
start_vm() {
  NAME=$1 LOG=$WORK/$1.log SOCK=$WORK/$1.sock
  local disk=$2; shift 2
  [ -f "$disk" ] || qemu-img create -q -f qcow2 -F qcow2 -b "$AMI/root.qcow2" "$disk"
  : >"$LOG" # QEMU opens it in the background; wait_line may look first
  T0=$(now_ms)
  qemu-system-x86_64 -accel tcg -m 1024 -smp 2 -nographic -no-reboot \
    -kernel "$AMI/vmlinuz" -initrd "$AMI/initrd.img" -append "$CMDLINE" \
    -monitor "unix:$SOCK,server,nowait" "$@" </dev/null >"$LOG" 2>&1 &
  QEMU_PID=$!
}

# wait_line REGEX [SECONDS]: waits until the console shows a line matching REGEX.
wait_line() {
  local deadline=$(( $(now_ms) + ${2:-90} * 1000 ))
  until grep -aqE "$1" "$LOG"; do
    kill -0 "$QEMU_PID" 2>/dev/null || fail "QEMU exited before /$1/"
    [ "$(now_ms)" -lt "$deadline" ] || fail "timed out waiting for /$1/"
    sleep 0.05
  done
}

expect() { grep -aqE "$1" "$LOG" || fail "missing /$1/"; }

# Presses the ACPI power button and waits for the guest's report and QEMU's exit.
power_off() {
  sleep 0.5 # let the console shell start, so the report must also survive a prompt on the line
  printf 'system_powerdown\n' | nc -U -q 1 "$SOCK" >/dev/null
  wait_line '^LABVISOR-POWEROFF reason=acpi' 30
  local i
  for i in $(seq 1 200); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.05; done
  kill -0 "$QEMU_PID" 2>/dev/null && fail "QEMU still runs after the guest powered off"
  wait "$QEMU_PID" || fail "QEMU exited with $?"
  QEMU_PID=
}

# boot_and_check NAME DISK QEMU-ARGS... with $EXPECT holding the regexes the console must show.
boot_and_check() {
  start_vm "$@"
  wait_line '^LABVISOR-READY'
  local ready_ms=$(( $(now_ms) - T0 )) re
  for re in "${EXPECT[@]}"; do expect "$re"; done
  printf '%s: READY after %d ms wall, %s\n' "$NAME" "$ready_ms" \
    "$(grep -aoE 'LABVISOR-(BOOT|READY) uptime_ms=[0-9]+' "$LOG" | tr '\n' ' ')"
  grep -a '^LABVISOR-' "$LOG" | tr -d '\r' | sed 's/^/    /'
  power_off
}

NET=(-netdev user,id=n0,restrict=on)
printf '#!/bin/sh\necho "hello from user data on $(uname -r)"\n' >"$WORK/user-data.sh"

EXPECT=('^LABVISOR-BOOT uptime_ms=[0-9]+ vcpus=2 memtotal_kb=[0-9]+ mem_online_mib=1024 kernel=[^ ]+ product=t3.micro asset=i-0123456789abcdef0'
  '^LABVISOR-DEV kind=block name=vda driver=virtio_blk' '^LABVISOR-DEV kind=net name=eth0 driver=virtio_net mac=52:54:00:12:34:56'
  '^LABVISOR-ROOT dev=vda mounted=/mnt/root' '^LABVISOR-NET name=eth0 ipv4=10\.0\.2\.15/24'
  '^LABVISOR-USERDATA state=start' '^hello from user data' '^LABVISOR-USERDATA state=done exit=0')
VIRTIO=(-drive "file=$WORK/virtio.qcow2,if=virtio" "${NET[@]}" -device virtio-net-pci,netdev=n0
  -smbios type=1,product=t3.micro -smbios type=2,asset=i-0123456789abcdef0
  -fw_cfg "name=opt/io.labvisor/user-data,file=$WORK/user-data.sh")
boot_and_check virtio "$WORK/virtio.qcow2" "${VIRTIO[@]}"

EXPECT=('^LABVISOR-USERDATA state=skipped')
boot_and_check virtio-again "$WORK/virtio.qcow2" "${VIRTIO[@]}"

EXPECT=('^LABVISOR-DEV kind=block name=sda driver=ahci' '^LABVISOR-DEV kind=net name=eth0 driver=e1000 '
  '^LABVISOR-ROOT dev=sda mounted=/mnt/root' '^LABVISOR-NET name=eth0 ipv4=10\.0\.2\.15/24' '^LABVISOR-USERDATA state=skipped')
boot_and_check q35-ahci "$WORK/q35.qcow2" -machine q35 -drive "file=$WORK/q35.qcow2,if=none,id=d0" \
  -device ide-hd,drive=d0,bus=ide.0 "${NET[@]}" -device e1000,netdev=n0

EXPECT=('^LABVISOR-DEV kind=block name=sda driver=ata_piix' '^LABVISOR-DEV kind=net name=eth0 driver=e1000e '
  '^LABVISOR-ROOT dev=sda mounted=/mnt/root' '^LABVISOR-NET name=eth0 ipv4=10\.0\.2\.15/24')
boot_and_check pc-ide "$WORK/pc.qcow2" -machine pc -drive "file=$WORK/pc.qcow2,if=ide,index=0" \
  "${NET[@]}" -device e1000e,netdev=n0

echo "all tiny AMI checks passed"
