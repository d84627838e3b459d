#!/usr/bin/env bash
# Idempotent host set-up for labvisor on Debian 12 (run as root).
#  1. bookworm-backports for QEMU 10 / libvirt 11 (bookworm's QEMU 7.2 crashes with vhost-user-net under TCG)
#  2. Debian packages: QEMU, libvirt, storage daemon, DPDK, JDK, Maven, image-build tools
#  3. the network namespace that holds every guest bridge, tap and switch process
#  4. virtlogd + libvirtd, started inside that namespace (by hand when there is no systemd)
#  5. the default AMI (images/build-tiny-ami.sh) and the jar
#  6. labvisord, labvisor's controller, for the default state: a systemd unit where systemd runs, otherwise
#     scripts/labvisord.sh's supervisor (both start it again when it dies)
# Each step checks before it acts, so running it twice is cheap.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NETNS=${LABVISOR_NETNS:-labvisor}
log() { printf '[setup] %s\n' "$*"; }

[ "$(id -u)" = 0 ] || { echo "setup-host.sh must run as root" >&2; exit 1; }

PACKAGES_BACKPORTS=(qemu-system-x86 qemu-utils qemu-system-common qemu-block-extra
  libvirt-daemon-system libvirt-clients libvirt-daemon-driver-qemu libvirt0)
PACKAGES=(openjdk-17-jdk-headless maven gcc libc6-dev make binutils iproute2 busybox-static cpio gzip xz-utils
  zstd kmod e2fsprogs dnsmasq-base dpdk dpdk-dev fio iperf3 jq ca-certificates procps psmisc netcat-openbsd)

enable_backports() {
  local f=/etc/apt/sources.list.d/bookworm-backports.sources
  [ -f "$f" ] && return 0
  local uri
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=http://deb.debian.org/debian
  log "enabling bookworm-backports from $uri"
  cat >"$f" <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  APT_UPDATED=
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  local qemu_ok=
  if command -v qemu-system-x86_64 >/dev/null && command -v libvirtd >/dev/null &&
     qemu-system-x86_64 --version | grep -qE 'version (9|[1-9][0-9])\.' &&
     libvirtd --version | grep -qE ' (1[0-9]|[2-9][0-9])\.'; then qemu_ok=1; fi
  for p in "${PACKAGES_BACKPORTS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || qemu_ok=; done
  [ ${#missing[@]} -eq 0 ] && [ -n "$qemu_ok" ] && { log "packages present"; return 0; }
  export DEBIAN_FRONTEND=noninteractive
  # Keep package post-install scripts from starting daemons outside the namespace on systemd hosts.
  if [ ! -d /run/systemd/system ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi
  log "apt-get update"
  apt-get update -qq
  if [ -z "$qemu_ok" ]; then
    log "installing QEMU/libvirt from bookworm-backports"
    apt-get install -y -qq -o Dpkg::Options::=--force-confold -t bookworm-backports "${PACKAGES_BACKPORTS[@]}"
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get install -y -qq -o Dpkg::Options::=--force-confold "${missing[@]}"
  fi
  rm -f /usr/sbin/policy-rc.d
}

setup_netns() {
  if ! ip netns list | awk '{print $1}' | grep -qx "$NETNS"; then
    log "creating network namespace $NETNS"
    ip netns add "$NETNS"
  fi
  ip netns exec "$NETNS" ip link set lo up
}

libvirt_in_netns() {
  # True when a libvirtd runs and its network namespace is ours.
  local pid
  pid=$(pgrep -x libvirtd | head -n1) || return 1
  [ "$(readlink "/proc/$pid/ns/net")" = "$(ip netns exec "$NETNS" readlink /proc/self/ns/net)" ]
}

start_daemons() {
  if [ -d /run/systemd/system ]; then
    # systemd host: run the stock units, but inside the namespace.
    mkdir -p /etc/systemd/system/libvirtd.service.d
    cat >/etc/systemd/system/libvirtd.service.d/labvisor-netns.conf <<UNIT
[Service]
NetworkNamespacePath=/run/netns/$NETNS
UNIT
    systemctl daemon-reload
    systemctl enable --now virtlogd.socket >/dev/null 2>&1 || true
    libvirt_in_netns || systemctl restart libvirtd.service
    return 0
  fi
  pgrep -x virtlogd >/dev/null || { log "starting virtlogd"; virtlogd -d; }
  if pgrep -x libvirtd >/dev/null && ! libvirt_in_netns; then
    log "libvirtd runs outside $NETNS: restarting it inside"
    pkill -x libvirtd; sleep 1
  fi
  if ! pgrep -x libvirtd >/dev/null; then
    log "starting libvirtd in namespace $NETNS"
    ip netns exec "$NETNS" libvirtd -d
  fi
  local i
  for i in $(seq 1 50); do [ -S /run/libvirt/libvirt-sock ] && break; sleep 0.2; done
  [ -S /run/libvirt/libvirt-sock ] || { echo "libvirtd did not come up" >&2; exit 1; }
}

start_labvisord() {
  if [ ! -f "$ROOT/target/labvisor.jar" ] ||
     [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/native" -newer "$ROOT/target/labvisor.jar" -type f -print -quit)" ]; then
    log "building target/labvisor.jar"
    (cd "$ROOT" && mvn -q -B -ntp -DskipTests package)
  fi
  if [ -d /run/systemd/system ]; then
    cat >/etc/systemd/system/labvisord.service <<UNIT
[Unit]
Description=labvisord, labvisor's controller (state /var/lib/labvisor)
After=libvirtd.service
Wants=libvirtd.service

[Service]
ExecStart=$ROOT/scripts/labvisord.sh run
Restart=always
RestartSec=1

[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable labvisord.service >/dev/null 2>&1 || true
  fi
  # the default state's daemon; a running one is left as it is (./labvisor daemon restart picks up a new build)
  "$ROOT/scripts/labvisord.sh" start
}

enable_backports
install_packages
setup_netns
start_daemons
"$ROOT/images/build-tiny-ami.sh"
start_labvisord
log "host ready: $(qemu-system-x86_64 --version | head -n1); libvirt $(libvirtd --version | awk '{print $NF}'); netns $NETNS"
