package io.labvisor.explain;

/** What a host thread or process does for an instance. */
public enum ThreadRole {
    /** Runs one guest vCPU (QEMU names it "CPU n/KVM" or "CPU n/TCG"). */
    VCPU,
    /** QEMU's main loop: device emulation not offloaded elsewhere, timers, the monitor. */
    EMULATOR,
    /** A QEMU I/O thread (an AioContext) that a virtio device may be bound to. */
    IOTHREAD,
    /** QEMU helper threads (thread pool workers for blocking I/O, RCU). */
    EMULATOR_WORKER,
    /** A kernel vhost worker serving a vhost-net device ("vhost-<qemu pid>"). */
    VHOST_WORKER,
    /** A separate host process serving the instance's I/O (storage or network card). */
    CARD;

    /** Classifies a QEMU thread by the name QEMU gives it. */
    static ThreadRole ofQemuThread(String comm, boolean isMainThread) {
        if (isMainThread) {
            return EMULATOR;
        }
        if (comm.startsWith("CPU ") && (comm.endsWith("/KVM") || comm.endsWith("/TCG"))) {
            return VCPU;
        }
        if (comm.startsWith("IO ")) {
            return IOTHREAD;
        }
        return EMULATOR_WORKER;
    }
}
