package io.labvisor.explain;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.console.ConsoleLog;
import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an instance's anatomy live: the domain XML from libvirt, QEMU's pid from libvirt's run directory, its
 * command line and threads from /proc, and card processes as the processes whose arguments name the instance.
 */
public final class AnatomyReader {
    private static final Path LIBVIRT_QEMU_RUN = Path.of("/run/libvirt/qemu");
    private final Labvisor labvisor;
    private final ProcTasks proc;

    public AnatomyReader(Labvisor labvisor, ProcTasks proc) {
        this.labvisor = labvisor;
        this.proc = proc;
    }

    public Anatomy read(String instanceId) {
        Instance i = labvisor.instances().require(instanceId);
        String xml = labvisor.libvirt().domains().xml(instanceId).orElseThrow(() -> new Ec2Exception(
                ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '" + instanceId + "' has no domain (it is "
                + i.state().label() + ")"));
        boolean running = labvisor.libvirt().domains().state(instanceId)
                .map(s -> s != io.labvisor.virt.Domains.PowerState.SHUTOFF).orElse(false);
        Optional<Integer> pid = running ? ProcTasks.readPid(LIBVIRT_QEMU_RUN.resolve(instanceId + ".pid")) : Optional.empty();
        List<HostThread> threads = new ArrayList<>();
        pid.ifPresent(p -> {
            threads.addAll(proc.threads(p, ThreadRole::ofQemuThread));
            threads.addAll(proc.vhostWorkers(p));
            for (int card : proc.processesMentioning(instanceId)) {
                if (card != p && !isQemuOrLabvisor(card)) {
                    threads.addAll(proc.threads(card, (comm, main) -> ThreadRole.CARD));
                }
            }
        });
        return new Anatomy(i, labvisor.catalog().require(i.instanceType()),
                labvisor.images().describe(List.of(), List.of()).stream()
                        .filter(img -> img.imageId().equals(i.imageId())).findFirst(),
                xml, pid, pid.map(proc::cmdline).orElse(List.of()), threads,
                IoPaths.of(i, DomainXml.parse(xml), new ConsoleLog(Path.of(i.consoleLog())).lines(),
                        labvisor.config().netns(), networkCards(i)),
                labvisor.libvirt().host().cpus());
    }

    private List<IoPaths.NetworkCard> networkCards(Instance i) {
        if (i.ioProfile() != io.labvisor.compute.IoProfile.NITRO || !labvisor.cards().networkCardProcesses()) {
            return List.of();
        }
        var spec = labvisor.cards().networkSpec(i);
        return List.of(new IoPaths.NetworkCard(spec.socket().toString(), labvisor.cards().networkSupervisor().pid(spec),
                spec.tap(), spec.bridge(), io.labvisor.net.DefaultNetwork.NAME,
                spec.filter().map(f -> f.filter().filter())));
    }

    /** The JVM running this very command mentions the id in its arguments too; it is not a card. */
    private boolean isQemuOrLabvisor(int pid) {
        String argv0 = proc.cmdline(pid).stream().findFirst().orElse("");
        return argv0.contains("qemu-system") || argv0.endsWith("java") || pid == ProcessHandle.current().pid();
    }
}
