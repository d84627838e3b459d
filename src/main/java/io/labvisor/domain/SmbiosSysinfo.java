package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * DMI strings the guest reads (see docs/CONTRACTS.md: product name = instance type, board asset tag = instance id).
 * Written as {@code <sysinfo type='smbios'>}; {@link DomainXml} adds {@code <os><smbios mode='sysinfo'/>} with it.
 *
 * @param system    optional SMBIOS type 1 strings
 * @param baseBoard optional SMBIOS type 2 strings
 */
public record SmbiosSysinfo(SystemInfo system, BaseBoard baseBoard) {

    /** {@code <system>} entries; at least one must be set. {@code uuid} must match the domain's UUID. */
    public record SystemInfo(String manufacturer, String product, String version, String serial, String uuid) {
        public SystemInfo {
            uuid = uuid == null ? null : Require.uuid(uuid, "SMBIOS system UUID");
            requireAny(entries(manufacturer, product, version, serial, uuid), "SMBIOS system");
        }

        Map<String, String> entries() {
            return entries(manufacturer, product, version, serial, uuid);
        }

        private static Map<String, String> entries(String manufacturer, String product, String version,
                String serial, String uuid) {
            Map<String, String> entries = new LinkedHashMap<>();
            putIfSet(entries, "manufacturer", manufacturer);
            putIfSet(entries, "product", product);
            putIfSet(entries, "version", version);
            putIfSet(entries, "serial", serial);
            putIfSet(entries, "uuid", uuid);
            return entries;
        }
    }

    /** {@code <baseBoard>} entries; at least one must be set. */
    public record BaseBoard(String manufacturer, String product, String asset) {
        public BaseBoard {
            requireAny(entries(manufacturer, product, asset), "SMBIOS base board");
        }

        Map<String, String> entries() {
            return entries(manufacturer, product, asset);
        }

        private static Map<String, String> entries(String manufacturer, String product, String asset) {
            Map<String, String> entries = new LinkedHashMap<>();
            putIfSet(entries, "manufacturer", manufacturer);
            putIfSet(entries, "product", product);
            putIfSet(entries, "asset", asset);
            return entries;
        }
    }

    public SmbiosSysinfo {
        if (system == null && baseBoard == null) {
            throw new IllegalArgumentException("SMBIOS sysinfo needs system or base board entries");
        }
    }

    private static void putIfSet(Map<String, String> entries, String name, String value) {
        if (value != null) {
            entries.put(name, Require.singleLine(Require.notBlank(value, "SMBIOS " + name), "SMBIOS " + name));
        }
    }

    private static void requireAny(Map<String, String> entries, String what) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one entry");
        }
    }

    void writeTo(Element domain) {
        Element sysinfo = Xml.setAttr(Xml.addChild(domain, "sysinfo"), "type", "smbios");
        if (system != null) {
            writeEntries(Xml.addChild(sysinfo, "system"), system.entries());
        }
        if (baseBoard != null) {
            writeEntries(Xml.addChild(sysinfo, "baseBoard"), baseBoard.entries());
        }
    }

    private static void writeEntries(Element parent, Map<String, String> entries) {
        entries.forEach((name, value) -> Xml.setAttr(Xml.addText(parent, "entry", value), "name", name));
    }

    /** Reads system and the first base board; empty when neither is there (BIOS, chassis, ... are not modelled). */
    static Optional<SmbiosSysinfo> parse(Element sysinfo) {
        SystemInfo system = Xml.child(sysinfo, "system").map(SmbiosSysinfo::entries)
                .filter(e -> !e.isEmpty())
                .map(e -> new SystemInfo(e.get("manufacturer"), e.get("product"), e.get("version"), e.get("serial"),
                        e.get("uuid")))
                .orElse(null);
        BaseBoard board = Xml.child(sysinfo, "baseBoard").map(SmbiosSysinfo::entries)
                .filter(e -> e.containsKey("manufacturer") || e.containsKey("product") || e.containsKey("asset"))
                .map(e -> new BaseBoard(e.get("manufacturer"), e.get("product"), e.get("asset")))
                .orElse(null);
        return system == null && board == null ? Optional.empty() : Optional.of(new SmbiosSysinfo(system, board));
    }

    private static Map<String, String> entries(Element parent) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Element entry : Xml.children(parent, "entry")) {
            entries.put(Xml.requiredAttr(entry, "name"), Xml.text(entry));
        }
        return entries;
    }
}
