package io.labvisor.compute;

import io.labvisor.card.CardLayout;
import io.labvisor.card.CardProcesses;
import io.labvisor.card.CardSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Card processes for unit tests: none ever runs, and starting one fails (the tests launch virtio instances, which
 * have no cards); stops are recorded, since labvisor stops an instance's cards whatever its profile.
 */
final class NoCardProcesses<S extends CardSpec> implements CardProcesses<S> {
    private final List<String> stopped = new ArrayList<>();

    @Override
    public Optional<ProcessHandle> find(S spec) {
        return Optional.empty();
    }

    @Override
    public ProcessHandle start(S spec) {
        throw new IllegalStateException("unit tests start no card process (" + spec.instanceId() + ")");
    }

    @Override
    public synchronized void stop(String instanceId, CardLayout layout) {
        stopped.add(instanceId);
    }

    /** The instances whose cards were stopped, in order. */
    synchronized List<String> stopped() {
        return List.copyOf(stopped);
    }
}
