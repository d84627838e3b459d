package io.labvisor.bench;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr, redrawn in place: benchmarks take minutes and should say where they are. With
 * {@link #ticking()} it is also redrawn every second (elapsed time, what runs now), so a long guest script never
 * looks hung.
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final int total;
    private final long started = System.nanoTime();
    private int done;
    private String now = "starting";
    private ScheduledExecutorService ticker;

    public Progress(PrintWriter out, int total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    /** Redraws every second until closed (for a terminal; tests and logs get a line per step only). */
    public Progress ticking() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** One step done; {@code what} is what was just finished or what runs next. */
    public void step(String what) {
        advance(1, what);
    }

    /** {@code steps} done at once (e.g. the remaining steps of a profile that failed). */
    public synchronized void advance(int steps, String what) {
        done = Math.min(total, done + Math.max(0, steps));
        now = what;
        draw();
        if (done == total) {
            close();
            out.println();
            out.flush();
        }
    }

    /** What runs now, without a step done. */
    public synchronized void doing(String what) {
        now = what;
        draw();
    }

    public synchronized int done() {
        return done;
    }

    private synchronized void draw() {
        int filled = done * WIDTH / total;
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf("\r[%s%s] %3d%% %02d:%02d  %-56.56s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done * 100 / total, seconds / 60, seconds % 60, now);
        out.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
