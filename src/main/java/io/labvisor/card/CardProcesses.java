package io.labvisor.card;

import java.util.Optional;

/** Starts, finds and stops one kind of card process; the supervisor decides when. */
public interface CardProcesses<S extends CardSpec> {

    /** The running card of {@code spec}, if its pidfile names a live process that is that card. */
    default Optional<ProcessHandle> find(S spec) {
        return CardControl.readPid(spec.pidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> CardControl.cmdline(p.pid()).map(spec::matchesCmdline).orElse(false));
    }

    /** Starts the card and waits until it serves; the card is running when this returns. */
    ProcessHandle start(S spec);

    /**
     * Stops the card of {@code instanceId} that {@code layout}'s pidfile names and removes its files. Needs no
     * spec, so it also stops cards of instances whose rows are gone.
     */
    void stop(String instanceId, CardLayout layout);
}
