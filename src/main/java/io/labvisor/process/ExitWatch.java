package io.labvisor.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls back soon after a process exits, whoever started it. The JDK learns of a child's exit at once (it waits
 * for it), but of any other process (a card or metadata server adopted from an earlier labvisor) only by polling
 * with a back-off that reaches seconds; a supervisor that must restart within 2 s polls every 100 ms itself, and
 * counts a zombie as exited.
 */
public final class ExitWatch {
    private static final long POLL_MS = 100;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "labvisor-exit-watch");
        t.setDaemon(true);
        return t;
    });
    private static final Map<ProcessHandle, Runnable> WATCHED = new ConcurrentHashMap<>();

    static {
        POLLER.scheduleWithFixedDelay(ExitWatch::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    private ExitWatch() {
    }

    /** Runs {@code then} once, on another thread, after {@code process} has exited. */
    public static void onExit(ProcessHandle process, Runnable then) {
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                synchronized (this) {
                    if (ran) {
                        return;
                    }
                    ran = true;
                }
                WATCHED.remove(process);
                then.run();
            }
        };
        WATCHED.put(process, once);
        process.onExit().thenRun(once);
    }

    /**
     * Alive and not a zombie: a killed process whose parent was an earlier labvisor is reaped by PID 1 whenever
     * PID 1 gets to it (seconds in a container), and until then it is still "alive" to the JDK.
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "stat"));
            int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone between the two looks
        }
    }

    private static void poll() {
        for (Map.Entry<ProcessHandle, Runnable> e : WATCHED.entrySet()) {
            if (!running(e.getKey()) && WATCHED.remove(e.getKey(), e.getValue())) {
                // off the poller thread: a restart takes seconds and must not delay the others' detection
                Thread t = new Thread(e.getValue(), "labvisor-exited-" + e.getKey().pid());
                t.setDaemon(true);
                t.start();
            }
        }
    }
}
