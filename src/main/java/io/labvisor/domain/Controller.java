package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A controller labvisor asks for explicitly, e.g. a virtio-scsi HBA on an I/O thread or {@code usb} with model
 * {@code none} to leave USB out. libvirt adds the controllers it needs by itself.
 *
 * @param type     required
 * @param index    controller index, 0 for the first of a type
 * @param model    optional libvirt model name, e.g. {@code virtio-scsi}, {@code none}
 * @param iothread optional I/O thread (from 1); virtio-scsi only
 */
public record Controller(Type type, int index, String model, Integer iothread) {
    private static final Pattern MODEL = Pattern.compile("[a-z0-9-]+");

    /** {@code <controller type='...'>}, the types labvisor has a use for. */
    public enum Type implements XmlEnum {
        IDE("ide"),
        SATA("sata"),
        SCSI("scsi"),
        USB("usb"),
        PCI("pci"),
        VIRTIO_SERIAL("virtio-serial");

        private final String xml;

        Type(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    public Controller {
        Require.present(type, "controller type");
        Require.nonNegative(index, "controller index");
        if (model != null) {
            Require.matches(model, MODEL, "controller model");
        }
        if (iothread != null) {
            Require.positive(iothread, "controller I/O thread");
            if (type != Type.SCSI || !"virtio-scsi".equals(model)) {
                throw new IllegalArgumentException("only a virtio-scsi controller can use an I/O thread");
            }
        }
    }

    /** Controller {@code type} number {@code index} with the given model. */
    public static Controller of(Type type, int index, String model) {
        return new Controller(type, index, model, null);
    }

    void writeTo(Element devices) {
        Element controller = Xml.addChild(devices, "controller");
        Xml.setAttr(controller, "type", type);
        Xml.setAttr(controller, "index", index);
        Xml.setAttr(controller, "model", model);
        if (iothread != null) {
            Xml.setAttr(Xml.addChild(controller, "driver"), "iothread", iothread);
        }
    }

    /** Reads a controller; empty for types not modelled here (ccid, xenbus, ...). */
    static Optional<Controller> parse(Element controller) {
        return XmlEnum.find(Type.class, Xml.requiredAttr(controller, "type"))
                .map(type -> new Controller(type, Xml.intAttr(controller, "index").orElse(0),
                        Xml.attr(controller, "model").orElse(null),
                        Xml.child(controller, "driver").flatMap(d -> Xml.intAttr(d, "iothread")).orElse(null)));
    }
}
