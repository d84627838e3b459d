package io.labvisor.compute;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances this process is launching, starting, stopping or terminating right now. The reconciler leaves
 * them to the operation that holds them: a pending row in here is alive however long its launch takes (a
 * 20-instance reservation launches one after another), a shutting-down one is being finished already. Rows that
 * no live operation holds (after a crash, every one) are the reconciler's.
 */
public final class InstancesInFlight {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    /** Marks {@code instanceIds} as operated on until the returned handle is closed. */
    public Handle hold(Collection<String> instanceIds) {
        Set<String> held = Set.copyOf(instanceIds);
        ids.addAll(held);
        return () -> ids.removeAll(held);
    }

    public boolean contains(String instanceId) {
        return ids.contains(instanceId);
    }

    /** Ends the hold; never throws. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
