package io.labvisor.explain;

import io.labvisor.host.CpuSet;
import io.labvisor.virtxml.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import java.util.Map;

/**
 * A picture of who runs where: one column per host CPU, one row per thread or card process, a bar under every
 * CPU the thread may run on and a dot on the CPU it last ran on. Written with the XML library, like the domains.
 */
public final class AnatomySvg {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final int LABEL_WIDTH = 300;
    private static final int CPU_WIDTH = 120;
    private static final int ROW_HEIGHT = 22;
    private static final int TOP = 70;
    private static final Map<ThreadRole, String> COLORS = Map.of(
            ThreadRole.VCPU, "#4e79a7", ThreadRole.EMULATOR, "#e15759", ThreadRole.IOTHREAD, "#f28e2b",
            ThreadRole.EMULATOR_WORKER, "#bab0ac", ThreadRole.VHOST_WORKER, "#76b7b2", ThreadRole.CARD, "#59a14f");

    private AnatomySvg() {
    }

    public static String render(Anatomy a) {
        int width = Math.max(LABEL_WIDTH + a.hostCpus() * CPU_WIDTH + 20, 820); // room for title and legend
        int height = TOP + a.threads().size() * ROW_HEIGHT + 60;
        Element svg = newSvg();
        Xml.setAttr(svg, "width", width);
        Xml.setAttr(svg, "height", height);
        Xml.setAttr(svg, "font-family", "monospace");
        Xml.setAttr(svg, "font-size", 12);
        rect(svg, 0, 0, width, height, "#ffffff");
        text(svg, 10, 20, 15, a.instance().instanceId() + " (" + a.type().name() + ", " + a.instance().accel()
                + ", " + a.instance().ioProfile().label() + " I/O): host threads and the CPUs they may use");
        for (int cpu = 0; cpu < a.hostCpus(); cpu++) {
            int x = LABEL_WIDTH + cpu * CPU_WIDTH;
            rect(svg, x + 2, TOP - 28, CPU_WIDTH - 4, a.threads().size() * ROW_HEIGHT + 30, "#f4f4f4");
            text(svg, x + CPU_WIDTH / 2 - 20, TOP - 10, 13, "CPU " + cpu);
        }
        int row = 0;
        for (HostThread t : a.threads()) {
            int y = TOP + row++ * ROW_HEIGHT;
            text(svg, 10, y + 15, 12, t.role().name().toLowerCase() + "  " + t.name() + "  (tid " + t.tid() + ")");
            for (int cpu : allowedCpus(t)) {
                if (cpu < a.hostCpus()) {
                    rect(svg, LABEL_WIDTH + cpu * CPU_WIDTH + 8, y + 4, CPU_WIDTH - 16, ROW_HEIGHT - 8, COLORS.get(t.role()));
                }
            }
            if (t.lastCpu() >= 0 && t.lastCpu() < a.hostCpus()) {
                Element dot = child(svg, "circle");
                Xml.setAttr(dot, "cx", LABEL_WIDTH + t.lastCpu() * CPU_WIDTH + CPU_WIDTH / 2);
                Xml.setAttr(dot, "cy", y + ROW_HEIGHT / 2);
                Xml.setAttr(dot, "r", 4);
                Xml.setAttr(dot, "fill", "#000000");
            }
        }
        int legendY = TOP + a.threads().size() * ROW_HEIGHT + 25;
        int x = 10;
        for (ThreadRole role : ThreadRole.values()) {
            rect(svg, x, legendY, 14, 14, COLORS.get(role));
            text(svg, x + 18, legendY + 12, 11, role.name().toLowerCase());
            x += 30 + role.name().length() * 8;
        }
        text(svg, 10, legendY + 32, 11, "bar: may run there (Cpus_allowed_list); dot: ran there last");
        return Xml.toXmlString(svg);
    }

    private static java.util.List<Integer> allowedCpus(HostThread t) {
        try {
            return CpuSet.parse(t.cpusAllowed()).cpus();
        } catch (IllegalArgumentException e) {
            return java.util.List.of(); // the thread exited before its status was read
        }
    }

    /** Every element in the SVG namespace, so the serializer declares it once on the root. */
    private static Element newSvg() {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element svg = doc.createElementNS(SVG_NS, "svg");
            doc.appendChild(svg);
            return svg;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElementNS(SVG_NS, name);
        parent.appendChild(e);
        return e;
    }

    private static void rect(Element svg, int x, int y, int w, int h, String fill) {
        Element r = child(svg, "rect");
        Xml.setAttr(r, "x", x);
        Xml.setAttr(r, "y", y);
        Xml.setAttr(r, "width", w);
        Xml.setAttr(r, "height", h);
        Xml.setAttr(r, "fill", fill);
    }

    private static void text(Element svg, int x, int y, int size, String content) {
        Element t = child(svg, "text");
        t.setTextContent(content);
        Xml.setAttr(t, "x", x);
        Xml.setAttr(t, "y", y);
        Xml.setAttr(t, "font-size", size);
    }
}
