package io.labvisor.virt.fake;

import io.labvisor.virt.DomainEvent;
import io.labvisor.virt.DomainEventLog;
import io.labvisor.virt.DomainEvents;
import io.labvisor.virt.HostInfo;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virt.VirtException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link LibvirtHost}: domains with libvirt's states and lifecycle events, storage pools with their
 * volumes, networks with their static DHCP hosts, nwfilters and bindings. Events go through the same
 * {@link DomainEventLog} the real session uses, so listeners run on its dispatcher thread as they do over libvirt.
 * Any call of {@link FakeCall} can be told to fail once, as libvirt would (a {@link VirtException}), and every call
 * that changes something is logged ({@link #calls()}) so a test can check what happened in which order.
 */
public final class FakeLibvirtHost implements LibvirtHost, AutoCloseable {
    private final DomainEventLog events = new DomainEventLog();
    private final List<String> calls = new ArrayList<>();
    /** Per armed call, how many more calls succeed before one fails. */
    private final Map<FakeCall, Integer> failing = new EnumMap<>(FakeCall.class);
    private final FakeDomains domains = new FakeDomains(this);
    private final FakeStoragePools pools = new FakeStoragePools(this);
    private final FakeNetworks networks = new FakeNetworks(this);
    private final FakeNwFilters nwfilters = new FakeNwFilters(this);
    private final FakeNwFilterBindings bindings = new FakeNwFilterBindings(this);
    private volatile HostInfo host = new HostInfo(8, 32768, "fake-host", "10.0.0", "8.2.0", false);
    private volatile boolean alive = true;
    private boolean muted;

    /** The next call of {@code call} throws, as a libvirt failure would; later ones succeed again. */
    public void failNext(FakeCall call) {
        failNth(call, 1);
    }

    /** The {@code nth} call of {@code call} from now (1: the next) throws; the others succeed. */
    public synchronized void failNth(FakeCall call, int nth) {
        failing.put(call, nth - 1);
    }

    /**
     * While muted, what happens emits no event to anyone: as for a labvisor that was not running (or had lost
     * its connection) when it happened. Reconciliation is what catches up with such changes.
     */
    public synchronized void mute(boolean muted) {
        this.muted = muted;
    }

    /** Every change made so far, e.g. {@code "domain.define i-…"}, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Logs the call, and throws if a test armed it to fail. Called under this host's lock. */
    synchronized void enter(FakeCall call, String what) {
        Integer before = failing.get(call);
        if (before != null && before == 0) {
            failing.remove(call);
            calls.add(what + " (failed)");
            throw new VirtException(what + " failed: injected by the test");
        }
        if (before != null) {
            failing.put(call, before - 1);
        }
        calls.add(what);
    }

    synchronized void emit(String domain, String kind, String detail) {
        if (muted) {
            return;
        }
        events.record(new DomainEvent(domain, kind, detail, Instant.now()));
    }

    public void setHost(HostInfo host) {
        this.host = host;
    }

    /** libvirtd "went away": {@link #alive()} answers false. */
    public void setAlive(boolean alive) {
        this.alive = alive;
    }

    /** Lets the event listeners finish what was emitted before (the fake's events are delivered asynchronously). */
    public void settle() {
        events.drain(Duration.ofSeconds(5));
    }

    @Override
    public String uri() {
        return "fake:///system";
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public DomainEvents events() {
        return events;
    }

    @Override
    public FakeDomains domains() {
        return domains;
    }

    @Override
    public FakeStoragePools pools() {
        return pools;
    }

    @Override
    public FakeNetworks networks() {
        return networks;
    }

    @Override
    public FakeNwFilters nwfilters() {
        return nwfilters;
    }

    @Override
    public FakeNwFilterBindings nwfilterBindings() {
        return bindings;
    }

    @Override
    public HostInfo host() {
        return host;
    }

    @Override
    public void close() {
        events.close();
    }
}
