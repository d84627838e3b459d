package io.labvisor.domain;

import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Where guest RAM comes from. vhost-user back ends map guest memory into their own process, so any vhost-user
 * device needs shared memory, e.g. {@link #sharedMemfd()}.
 *
 * @param source optional memory source
 * @param access optional access mode
 */
public record MemoryBacking(Source source, Access access) {

    /** {@code <source type='...'/>}. */
    public enum Source implements XmlEnum {
        FILE("file"),
        ANONYMOUS("anonymous"),
        MEMFD("memfd");

        private final String xml;

        Source(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <access mode='...'/>}. */
    public enum Access implements XmlEnum {
        SHARED("shared"),
        PRIVATE("private");

        private final String xml;

        Access(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    public MemoryBacking {
        if (source == null && access == null) {
            throw new IllegalArgumentException("memory backing needs a source or an access mode");
        }
    }

    /** memfd-backed shared memory, what vhost-user devices need. */
    public static MemoryBacking sharedMemfd() {
        return new MemoryBacking(Source.MEMFD, Access.SHARED);
    }

    /** True when a vhost-user back end can map this memory. */
    public boolean isShared() {
        return access == Access.SHARED;
    }

    void writeTo(Element domain) {
        Element backing = Xml.addChild(domain, "memoryBacking");
        if (source != null) {
            Xml.setAttr(Xml.addChild(backing, "source"), "type", source);
        }
        if (access != null) {
            Xml.setAttr(Xml.addChild(backing, "access"), "mode", access);
        }
    }

    /** Reads source and access; empty when the element holds neither (hugepages and the like are not modelled). */
    static Optional<MemoryBacking> parse(Element backing) {
        Source source = Xml.child(backing, "source").flatMap(s -> Xml.enumAttr(s, "type", Source.class)).orElse(null);
        Access access = Xml.child(backing, "access").flatMap(a -> Xml.enumAttr(a, "mode", Access.class)).orElse(null);
        return source == null && access == null ? Optional.empty() : Optional.of(new MemoryBacking(source, access));
    }
}
