package io.labvisor.explain;

import io.labvisor.catalog.InstanceType;
import io.labvisor.compute.Instance;
import io.labvisor.image.Image;

import java.util.List;
import java.util.Optional;

/**
 * Everything that makes up one instance on the host: what was asked for (type, AMI), what libvirt was told
 * (domain XML), what it ran (QEMU's command line) and who does the work (threads and processes, with the host
 * CPUs each may use).
 */
public record Anatomy(Instance instance, InstanceType type, Optional<Image> image, String domainXml,
                      Optional<Integer> qemuPid, List<String> qemuCommandLine, List<HostThread> threads,
                      List<IoPaths.Path> ioPaths, int hostCpus) {
}
