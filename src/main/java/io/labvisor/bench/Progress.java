package io.labvisor.bench;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn in place: benchmarks take minutes and should say where they are. */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final int total;
    private final long started = System.nanoTime();
    private int done;

    public Progress(PrintWriter out, int total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    public synchronized void step(String what) {
        done = Math.min(total, done + 1);
        int filled = done * WIDTH / total;
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf("\r[%s%s] %3d%% %4ds  %-48.48s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done * 100 / total, seconds, what);
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
