package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import org.w3c.dom.Element;

/**
 * The guest CPU model and topology. Under TCG ({@link DomainType#QEMU}) libvirt refuses {@code host-passthrough};
 * use {@link Mode#MAXIMUM} or a named model there.
 *
 * @param mode     required
 * @param model    named CPU model; only with {@link Mode#CUSTOM}, where null means "topology only"
 * @param topology optional; sockets x cores x threads must equal the domain's vCPUs
 */
public record Cpu(Mode mode, String model, Topology topology) {

    /** {@code <cpu mode='...'>}. */
    public enum Mode implements XmlEnum {
        HOST_PASSTHROUGH("host-passthrough"),
        HOST_MODEL("host-model"),
        MAXIMUM("maximum"),
        CUSTOM("custom");

        private final String xml;

        Mode(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <topology sockets cores threads/>}. */
    public record Topology(int sockets, int cores, int threads) {
        public Topology {
            Require.positive(sockets, "sockets");
            Require.positive(cores, "cores");
            Require.positive(threads, "threads");
        }

        /** How many vCPUs this topology holds. */
        public long vcpus() {
            return (long) sockets * cores * threads;
        }
    }

    public Cpu {
        Require.present(mode, "CPU mode");
        if (model != null) {
            Require.notBlank(model, "CPU model");
            if (mode != Mode.CUSTOM) {
                throw new IllegalArgumentException("a CPU model needs mode custom, not " + mode.xml());
            }
        }
    }

    public static Cpu hostPassthrough() {
        return new Cpu(Mode.HOST_PASSTHROUGH, null, null);
    }

    public static Cpu hostModel() {
        return new Cpu(Mode.HOST_MODEL, null, null);
    }

    public static Cpu maximum() {
        return new Cpu(Mode.MAXIMUM, null, null);
    }

    public static Cpu custom(String model) {
        return new Cpu(Mode.CUSTOM, Require.present(model, "CPU model"), null);
    }

    /** This CPU with the given topology. */
    public Cpu withTopology(int sockets, int cores, int threads) {
        return new Cpu(mode, model, new Topology(sockets, cores, threads));
    }

    void writeTo(Element domain) {
        Element cpu = Xml.setAttr(Xml.addChild(domain, "cpu"), "mode", mode);
        if (mode == Mode.CUSTOM) {
            Xml.setAttr(cpu, "match", "exact");
        }
        if (model != null) {
            // forbid: fail to start rather than silently fall back to another model.
            Xml.setAttr(Xml.addText(cpu, "model", model), "fallback", "forbid");
        }
        if (topology != null) {
            Element element = Xml.addChild(cpu, "topology");
            Xml.setAttr(element, "sockets", topology.sockets());
            Xml.setAttr(element, "cores", topology.cores());
            Xml.setAttr(element, "threads", topology.threads());
        }
    }

    /**
     * Reads {@code <cpu>}; CPU features are ignored. A running host-model guest reads back as {@code custom} with
     * the model libvirt expanded it to.
     */
    static Cpu parse(Element cpu) {
        String model = Xml.childText(cpu, "model").map(String::strip).orElse(null);
        Mode mode = Xml.enumAttr(cpu, "mode", Mode.class).orElse(Mode.CUSTOM);
        Topology topology = Xml.child(cpu, "topology")
                .map(t -> new Topology(Xml.intAttr(t, "sockets").orElse(1), Xml.intAttr(t, "cores").orElse(1),
                        Xml.intAttr(t, "threads").orElse(1)))
                .orElse(null);
        return new Cpu(mode, mode == Mode.CUSTOM ? model : null, topology);
    }
}
