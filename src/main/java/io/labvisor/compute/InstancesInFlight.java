package io.labvisor.compute;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The instances this process is launching, starting, stopping or terminating right now. The reconciler leaves
 * them to the operation that holds them: a pending row in here is alive however long its launch takes (a
 * 20-instance reservation launches one after another), a shutting-down one is being finished already. Rows that
 * no live operation holds (after a crash, every one) are the reconciler's. Holds count: a terminate that holds an
 * instance a launch holds too does not end the launch's hold.
 *
 * <p>Besides, each instance has one lock for the steps that create or remove its resources (a launch's steps, a
 * termination's clean-up, the reconciler's repairs), so a termination never removes what a launch is creating at
 * that moment: it waits for the launch's current step, which then sees the instance is no longer pending.
 */
public final class InstancesInFlight {
    private final Map<String, Integer> holds = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Marks {@code instanceIds} as operated on until the returned handle is closed. */
    public Handle hold(Collection<String> instanceIds) {
        List<String> held = List.copyOf(instanceIds);
        held.forEach(id -> holds.merge(id, 1, Integer::sum));
        return () -> held.forEach(id -> holds.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1));
    }

    public boolean contains(String instanceId) {
        return holds.containsKey(instanceId);
    }

    /** Takes the instance's lock, waiting for whoever works on its resources now; closing the handle frees it. */
    Handle exclusive(String instanceId) {
        ReentrantLock lock = locks.computeIfAbsent(instanceId, k -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    /** The instance's lock if it is free and no operation holds the instance: the reconciler's way in. */
    Optional<Handle> tryExclusive(String instanceId) {
        ReentrantLock lock = locks.computeIfAbsent(instanceId, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        if (contains(instanceId)) { // an operation began on it: it is that operation's
            lock.unlock();
            return Optional.empty();
        }
        return Optional.of(lock::unlock);
    }

    /** Ends the hold; never throws. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
