package io.labvisor.bench;

import io.labvisor.Labvisor;
import io.labvisor.accel.Accelerator;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Launch speed: time from the RunInstances call to the guest's boot marker, for instances launched one after
 * another and all at once, next to plain QEMU booting the same kernel (the floor); and how launch time and host
 * memory grow with the number of instances already running.
 */
public final class LaunchBench {
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);

    /** What to run; counts are repetitions. */
    public record Options(String instanceType, Optional<IoProfile> profile, int sequential, int parallel, int floor,
                          int growth) {
        public int steps() {
            return sequential + parallel + floor + growth;
        }

        /** The options after "./labvisor bench launch" that run this again (floor repeats as often as sequential). */
        public String arguments() {
            return "--instance-type " + instanceType + profile.map(p -> " --io-profile " + p.label()).orElse("")
                    + " --repeat " + sequential + " --parallel " + parallel + " --growth " + growth;
        }
    }

    private final Labvisor lv;
    private final Image ami;
    private final Progress progress;

    public LaunchBench(Labvisor lv, Image ami, Progress progress) {
        this.lv = lv;
        this.ami = ami;
        this.progress = progress;
    }

    public List<Series> run(Options o) throws Exception {
        List<Series> out = new ArrayList<>();
        out.add(Series.of("launch", "labvisor, one at a time", "run-to-marker", "ms", sequential(o)));
        out.add(Series.of("launch", "labvisor, " + o.parallel() + " at once", "run-to-marker", "ms", parallel(o)));
        out.add(Series.of("launch", "plain QEMU (floor)", "run-to-marker", "ms", floor(o)));
        out.addAll(growth(o));
        String cmd = "./labvisor bench launch " + o.arguments();
        return out.stream().map(x -> x.withCommand(cmd)).toList();
    }

    private List<Double> sequential(Options o) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int k = 0; k < o.sequential(); k++) {
            progress.doing("sequential launch " + (k + 1));
            long t0 = System.nanoTime();
            Instance i = launch(o, 1).get(0);
            ms.add(awaitMarker(i, t0));
            lv.instances().terminate(List.of(i.instanceId()));
            progress.step("sequential launch " + (k + 1));
        }
        return ms;
    }

    private List<Double> parallel(Options o) throws Exception {
        progress.doing(o.parallel() + " launches at once");
        long t0 = System.nanoTime();
        List<CompletableFuture<Instance>> launches = new ArrayList<>();
        for (int k = 0; k < o.parallel(); k++) {
            launches.add(CompletableFuture.supplyAsync(() -> launch(o, 1).get(0)));
        }
        List<Instance> instances = launches.stream().map(CompletableFuture::join).toList();
        List<Double> ms = new ArrayList<>();
        for (Instance i : instances) {
            ms.add(awaitMarker(i, t0));
            progress.step("parallel launch");
        }
        lv.instances().terminate(instances.stream().map(Instance::instanceId).toList());
        return ms;
    }

    private List<Double> floor(Options o) throws Exception {
        var type = lv.catalog().require(o.instanceType());
        Accelerator accel = lv.accel().accelerator();
        String kernel = lv.images().volumePath(ami.kernelVolume().orElseThrow());
        String initrd = lv.images().volumePath(ami.ramdiskVolume().orElseThrow());
        List<Double> ms = new ArrayList<>();
        // pinned as the instances are: emulator threads on the card CPUs, vCPUs on the instance CPUs
        var pinning = new QemuFloor.Pinning(lv.partition().cardCpus(), lv.partition().instanceCpus());
        for (int k = 0; k < o.floor(); k++) {
            progress.doing("plain QEMU boot " + (k + 1));
            ms.add(QemuFloor.bootMillis(accel, kernel, initrd, ami.kernelCmdline(), type.memoryMiB(), type.vcpus(),
                    pinning, BOOT_DEADLINE));
            progress.step("plain QEMU boot " + (k + 1));
        }
        return ms;
    }

    /** Launch k+1 while k run: launch time and host memory in use, per number of instances running. */
    private List<Series> growth(Options o) throws Exception {
        List<Series> out = new ArrayList<>();
        List<Instance> running = new ArrayList<>();
        try {
            out.add(new Series("growth-memory", "host memory in use", "memory", "MiB", 0,
                    List.of((double) HostFacts.memoryUsedMiB())));
            for (int k = 0; k < o.growth(); k++) {
                progress.doing("growth: launching with " + k + " running");
                long t0 = System.nanoTime();
                Instance i = launch(o, 1).get(0);
                double ms = awaitMarker(i, t0);
                running.add(i);
                out.add(new Series("growth-launch", "launch with others running", "run-to-marker", "ms", k, List.of(ms)));
                out.add(new Series("growth-memory", "host memory in use", "memory", "MiB", k + 1,
                        List.of((double) HostFacts.memoryUsedMiB())));
                progress.step("growth: " + (k + 1) + " running");
            }
        } finally {
            if (!running.isEmpty()) {
                lv.instances().terminate(running.stream().map(Instance::instanceId).toList());
            }
        }
        return out;
    }

    private List<Instance> launch(Options o, int count) {
        return lv.instances().run(new RunRequest(ami.imageId(), o.instanceType(), count, count, o.profile()))
                .instances();
    }

    private static double awaitMarker(Instance i, long t0) throws InterruptedException {
        new ConsoleLog(Path.of(i.consoleLog())).await(GuestLine.BOOT, BOOT_DEADLINE)
                .orElseThrow(() -> new IllegalStateException(i.instanceId() + " printed no boot marker"));
        return (System.nanoTime() - t0) / 1e6;
    }
}
