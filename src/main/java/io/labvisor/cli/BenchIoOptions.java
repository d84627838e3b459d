package io.labvisor.cli;

import io.labvisor.bench.IoBench;
import io.labvisor.compute.IoProfile;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.stream.Collectors;

/** The I/O benchmark's options, shared by {@code bench io} and {@code bench all}. */
final class BenchIoOptions {
    @Option(names = "--instance-type", defaultValue = "t3.micro")
    String instanceType;

    @Option(names = "--profiles", defaultValue = "emulated,virtio,nitro", split = ",")
    List<String> profiles;

    @Option(names = "--parts", defaultValue = "disk,net", split = ",",
            description = "what to measure: disk (fio and the host limit), net (iperf3 and ping), or both")
    List<String> parts;

    @Option(names = "--repeat", defaultValue = "3", description = "repetitions of every fio job")
    int repeat;

    @Option(names = "--ramp", defaultValue = "2", description = "fio warm-up seconds (not measured)")
    int ramp;

    @Option(names = "--runtime", defaultValue = "5", description = "fio seconds measured per job")
    int runtime;

    @Option(names = "--size", defaultValue = "128", description = "fio file size, MiB")
    int size;

    @Option(names = "--iperf", defaultValue = "5", description = "iperf3 seconds")
    int iperf;

    IoBench.Options options() {
        return new IoBench.Options(instanceType, profiles.stream().map(IoProfile::parse).toList(), repeat, ramp,
                runtime, size, iperf, parts.stream().map(IoBench.Part::parse).collect(Collectors.toSet()));
    }

    String arguments() {
        return options().arguments();
    }
}
