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
    /** Each instance's lock while anyone has or wants it (then forgotten: the daemon runs for months). */
    private final Map<String, Users> locks = new ConcurrentHashMap<>();

    /** A lock and how many threads have or wait for it. */
    private static final class Users {
        final ReentrantLock lock = new ReentrantLock();
        int count; // changed only inside the map's compute, which serializes per key
    }

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
        Users users = join(instanceId);
        users.lock.lock();
        return () -> leave(instanceId, users, true);
    }

    /** The instance's lock if it is free and no operation holds the instance: the reconciler's way in. */
    Optional<Handle> tryExclusive(String instanceId) {
        Users users = join(instanceId);
        if (!users.lock.tryLock()) {
            leave(instanceId, users, false);
            return Optional.empty();
        }
        if (contains(instanceId)) { // an operation began on it: it is that operation's
            leave(instanceId, users, true);
            return Optional.empty();
        }
        return Optional.of(() -> leave(instanceId, users, true));
    }

    private Users join(String instanceId) {
        return locks.compute(instanceId, (k, u) -> {
            Users users = u == null ? new Users() : u;
            users.count++;
            return users;
        });
    }

    private void leave(String instanceId, Users users, boolean locked) {
        if (locked) {
            users.lock.unlock();
        }
        locks.computeIfPresent(instanceId, (k, u) -> --u.count == 0 ? null : u);
    }

    /** Instances whose lock someone has or waits for; none once every operation ended. */
    int lockedOrAwaited() {
        return locks.size();
    }

    /** Ends the hold; never throws. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
