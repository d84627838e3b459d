package io.labvisor.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The anatomy as JSON, for tools and notebooks. */
public final class AnatomyJson {
    private AnatomyJson() {
    }

    public static ObjectNode render(Anatomy a) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("InstanceId", a.instance().instanceId());
        root.put("State", a.instance().state().label());
        root.put("Accelerator", a.instance().accel());
        root.put("IoProfile", a.instance().ioProfile().label());
        root.set("InstanceType", a.type().raw());
        a.image().ifPresent(i -> {
            ObjectNode img = root.putObject("Image");
            img.put("ImageId", i.imageId());
            img.put("Name", i.name());
            img.put("BootMode", i.bootMode().label());
            img.put("KernelCmdline", i.kernelCmdline());
        });
        ArrayNode io = root.putArray("IoPaths");
        a.ioPaths().forEach(p -> {
            ObjectNode n = io.addObject();
            n.put("Device", p.device());
            n.put("GuestDriver", p.guestDriver());
            ArrayNode hops = n.putArray("Hops");
            p.hops().forEach(hops::add);
        });
        a.qemuPid().ifPresent(p -> root.put("QemuPid", p));
        ArrayNode argv = root.putArray("QemuCommandLine");
        a.qemuCommandLine().forEach(argv::add);
        ArrayNode threads = root.putArray("HostThreads");
        for (HostThread t : a.threads()) {
            ObjectNode n = threads.addObject();
            n.put("Pid", t.pid());
            n.put("Tid", t.tid());
            n.put("Role", t.role().name().toLowerCase());
            n.put("Name", t.name());
            n.put("CpusAllowed", t.cpusAllowed());
            n.put("LastCpu", t.lastCpu());
        }
        root.put("HostCpus", a.hostCpus());
        root.put("DomainXml", a.domainXml());
        return root;
    }
}
