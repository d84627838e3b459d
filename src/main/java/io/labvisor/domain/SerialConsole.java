package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The guest's first serial port on a pty, with the matching {@code <console>}. The log file (kept by virtlogd)
 * is where labvisor reads the guest's console protocol lines from.
 *
 * @param logFile optional absolute path; written with {@code append='off'}, so each start begins a fresh log
 */
public record SerialConsole(String logFile) {

    public SerialConsole {
        if (logFile != null) {
            Require.absolutePath(logFile, "serial log file");
        }
    }

    void writeTo(Element devices) {
        Element serial = Xml.setAttr(Xml.addChild(devices, "serial"), "type", "pty");
        writeLog(serial);
        Xml.setAttr(Xml.addChild(serial, "target"), "port", 0);
        Element console = Xml.setAttr(Xml.addChild(devices, "console"), "type", "pty");
        Xml.setAttr(Xml.setAttr(Xml.addChild(console, "target"), "type", "serial"), "port", 0);
    }

    private void writeLog(Element serial) {
        if (logFile != null) {
            Element log = Xml.setAttr(Xml.addChild(serial, "log"), "file", logFile);
            Xml.setAttr(log, "append", "off");
        }
    }

    /** Reads a pty {@code <serial>}; empty for other kinds. */
    static Optional<SerialConsole> parse(Element serial) {
        if (!Xml.attr(serial, "type").orElse("").equals("pty")) {
            return Optional.empty();
        }
        return Optional.of(new SerialConsole(
                Xml.child(serial, "log").flatMap(log -> Xml.attr(log, "file")).orElse(null)));
    }
}
