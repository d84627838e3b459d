package io.labvisor.virt;

import java.time.Duration;
import java.util.Optional;

/**
 * Removes pool volumes that an interrupted operation was creating. libvirtd finishes a volume create or copy
 * after the client that asked for it died (a kill -9 of labvisord does not cancel the RPC), and refuses to delete
 * a volume while it is still being built; so removal is retried until the build is over, else the copy would
 * land after the clean-up as a pool file no row names.
 */
public final class LeftoverVolumes {
    private static final Duration BUILD_WAIT = Duration.ofMinutes(2);

    private LeftoverVolumes() {
    }

    /** Deletes the volume once libvirt no longer builds it; returns whether there was one. */
    public static boolean delete(StoragePools pools, String pool, String volume) {
        long deadline = System.nanoTime() + BUILD_WAIT.toNanos();
        while (true) {
            try {
                Optional<String> path = pools.volumePath(pool, volume);
                if (path.isEmpty()) {
                    return false;
                }
                pools.deleteVolumeIfExists(pool, volume);
                return true;
            } catch (VirtException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a volume build to end");
        }
    }
}
