package io.labvisor.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads processes and threads from /proc. Parsing is split from reading so it can be tested on sample text. */
public final class ProcTasks {
    private final Path proc;

    public ProcTasks(Path proc) {
        this.proc = proc;
    }

    public static ProcTasks host() {
        return new ProcTasks(Path.of("/proc"));
    }

    /** Every thread of {@code pid}, classified with {@code role}. */
    public List<HostThread> threads(int pid, java.util.function.BiFunction<String, Boolean, ThreadRole> role) {
        List<HostThread> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(Integer.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                String comm = read(task.resolve("comm")).strip();
                String status = read(task.resolve("status"));
                String stat = read(task.resolve("stat"));
                out.add(new HostThread(pid, tid, comm, role.apply(comm, tid == pid), cpusAllowed(status), lastCpu(stat)));
            }
        } catch (IOException e) {
            return out; // the process exited while we looked
        }
        out.sort(java.util.Comparator.comparingInt(HostThread::tid));
        return out;
    }

    /** The command line of a process, arguments separated by NULs in /proc/PID/cmdline. */
    public List<String> cmdline(int pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Integer.toString(pid)).resolve("cmdline"));
            return splitNul(raw);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Processes whose command line mentions {@code needle} (cards name their instance in their arguments). */
    public List<Integer> processesMentioning(String needle) {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path p : all) {
                int pid = Integer.parseInt(p.getFileName().toString());
                if (String.join(" ", cmdline(pid)).contains(needle)) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Integer::compare);
        return out;
    }

    /** Kernel vhost workers of a QEMU process, named "vhost-&lt;qemu pid&gt;". */
    public List<HostThread> vhostWorkers(int qemuPid) {
        List<HostThread> out = new ArrayList<>();
        String name = "vhost-" + qemuPid;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path p : all) {
                if (read(p.resolve("comm")).strip().equals(name)) {
                    int pid = Integer.parseInt(p.getFileName().toString());
                    out.add(new HostThread(pid, pid, name, ThreadRole.VHOST_WORKER,
                            cpusAllowed(read(p.resolve("status"))), lastCpu(read(p.resolve("stat")))));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static String cpusAllowed(String status) {
        return status.lines().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
    }

    /** Field 39 of stat; the comm field (2) may contain spaces and parentheses, so count from its closing ')'. */
    static int lastCpu(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state), so field 39 is fields[36]
        return fields.length > 36 ? Integer.parseInt(fields[36]) : -1;
    }

    static List<String> splitNul(byte[] raw) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    static Optional<Integer> readPid(Path pidFile) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
