package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A virtio RNG, so a guest without other entropy sources does not stall at boot waiting for randomness.
 *
 * @param backend absolute path of the host random device
 */
public record Rng(String backend) {

    public Rng {
        Require.absolutePath(backend, "RNG backend");
    }

    /** Backed by the host's {@code /dev/urandom}. */
    public static Rng urandom() {
        return new Rng("/dev/urandom");
    }

    void writeTo(Element devices) {
        Element rng = Xml.setAttr(Xml.addChild(devices, "rng"), "model", "virtio");
        Xml.setAttr(Xml.addText(rng, "backend", backend), "model", "random");
    }

    /** Reads a virtio RNG with a random-device back end; empty for other kinds. */
    static Optional<Rng> parse(Element rng) {
        return Xml.child(rng, "backend")
                .filter(b -> Xml.attr(rng, "model").orElse("").equals("virtio"))
                .filter(b -> Xml.attr(b, "model").orElse("").equals("random"))
                .map(b -> new Rng(Xml.text(b).strip()));
    }
}
