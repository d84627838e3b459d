package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Host CPU pinning. libvirt-java has no API for it, so it goes into the domain XML at define time. A cpuset is
 * libvirt's syntax: {@code 2}, {@code 0-3}, {@code 0-7,^4}.
 *
 * @param vcpuPins     guest vCPU to host CPUs
 * @param emulatorPin  optional host CPUs for QEMU's main and emulator threads
 * @param iothreadPins I/O thread (numbered from 1) to host CPUs
 */
public record CpuTune(List<VcpuPin> vcpuPins, String emulatorPin, List<IothreadPin> iothreadPins) {
    private static final Pattern CPUSET =
            Pattern.compile("([0-9]+(-[0-9]+)?|\\^[0-9]+)(,([0-9]+(-[0-9]+)?|\\^[0-9]+))*");

    /** {@code <vcpupin vcpu cpuset/>}. */
    public record VcpuPin(int vcpu, String cpuset) {
        public VcpuPin {
            Require.nonNegative(vcpu, "pinned vCPU");
            Require.matches(cpuset, CPUSET, "vCPU cpuset");
        }
    }

    /** {@code <iothreadpin iothread cpuset/>}. */
    public record IothreadPin(int iothread, String cpuset) {
        public IothreadPin {
            Require.positive(iothread, "pinned I/O thread");
            Require.matches(cpuset, CPUSET, "I/O thread cpuset");
        }
    }

    public CpuTune {
        vcpuPins = List.copyOf(vcpuPins);
        iothreadPins = List.copyOf(iothreadPins);
        if (emulatorPin != null) {
            Require.matches(emulatorPin, CPUSET, "emulator cpuset");
        }
        if (vcpuPins.isEmpty() && emulatorPin == null && iothreadPins.isEmpty()) {
            throw new IllegalArgumentException("CPU tuning pins nothing");
        }
        unique(vcpuPins.stream().map(VcpuPin::vcpu).toList(), "vCPU");
        unique(iothreadPins.stream().map(IothreadPin::iothread).toList(), "I/O thread");
    }

    private static void unique(List<Integer> ids, String what) {
        Set<Integer> seen = new HashSet<>();
        for (Integer id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(what + " " + id + " is pinned twice");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    void writeTo(Element domain) {
        Element cputune = Xml.addChild(domain, "cputune");
        for (VcpuPin pin : vcpuPins) {
            Element element = Xml.addChild(cputune, "vcpupin");
            Xml.setAttr(element, "vcpu", pin.vcpu());
            Xml.setAttr(element, "cpuset", pin.cpuset());
        }
        if (emulatorPin != null) {
            Xml.setAttr(Xml.addChild(cputune, "emulatorpin"), "cpuset", emulatorPin);
        }
        for (IothreadPin pin : iothreadPins) {
            Element element = Xml.addChild(cputune, "iothreadpin");
            Xml.setAttr(element, "iothread", pin.iothread());
            Xml.setAttr(element, "cpuset", pin.cpuset());
        }
    }

    /** Reads the pins; empty when {@code <cputune>} holds none (shares, quotas and the like are not modelled). */
    static Optional<CpuTune> parse(Element cputune) {
        Builder b = builder();
        for (Element pin : Xml.children(cputune, "vcpupin")) {
            b.pinVcpu(Xml.intAttr(pin, "vcpu").orElseThrow(), Xml.requiredAttr(pin, "cpuset"));
        }
        Xml.child(cputune, "emulatorpin").ifPresent(pin -> b.pinEmulator(Xml.requiredAttr(pin, "cpuset")));
        for (Element pin : Xml.children(cputune, "iothreadpin")) {
            b.pinIothread(Xml.intAttr(pin, "iothread").orElseThrow(), Xml.requiredAttr(pin, "cpuset"));
        }
        return b.isEmpty() ? Optional.empty() : Optional.of(b.build());
    }

    /** Collects pins. */
    public static final class Builder {
        private final List<VcpuPin> vcpuPins = new ArrayList<>();
        private String emulatorPin;
        private final List<IothreadPin> iothreadPins = new ArrayList<>();

        private Builder() {
        }

        public Builder pinVcpu(int vcpu, String cpuset) {
            vcpuPins.add(new VcpuPin(vcpu, cpuset));
            return this;
        }

        public Builder pinEmulator(String cpuset) {
            emulatorPin = cpuset;
            return this;
        }

        public Builder pinIothread(int iothread, String cpuset) {
            iothreadPins.add(new IothreadPin(iothread, cpuset));
            return this;
        }

        boolean isEmpty() {
            return vcpuPins.isEmpty() && emulatorPin == null && iothreadPins.isEmpty();
        }

        public CpuTune build() {
            return new CpuTune(vcpuPins, emulatorPin, iothreadPins);
        }
    }
}
