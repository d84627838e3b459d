package io.labvisor.domain;

import io.labvisor.virtxml.Require;

/**
 * A file QEMU exposes to the guest through fw_cfg ({@code /sys/firmware/qemu_fw_cfg/by_name/NAME/raw}), written
 * as an entry of {@code <sysinfo type='fwcfg'>}. labvisor passes user data this way (docs/CONTRACTS.md).
 *
 * @param name fw_cfg name: must start with {@code opt/}, at most 55 characters (QEMU's limit), and not use the
 *             {@code opt/ovmf/} or {@code opt/org.qemu/} names libvirt reserves
 * @param file absolute host path whose contents QEMU reads at start
 */
public record FwCfgEntry(String name, String file) {
    /** Where the guest init looks for user data. */
    public static final String USER_DATA = "opt/io.labvisor/user-data";

    public FwCfgEntry {
        Require.present(name, "fw_cfg name");
        if (!name.startsWith("opt/") || name.length() > 55) {
            throw new IllegalArgumentException("fw_cfg name must start with opt/ and be at most 55 characters: "
                    + name);
        }
        if (name.startsWith("opt/ovmf/") || name.startsWith("opt/org.qemu/")) {
            throw new IllegalArgumentException("fw_cfg name is reserved by libvirt: " + name);
        }
        Require.absolutePath(file, "fw_cfg file");
    }

    /** The user-data entry, read from {@code file}. */
    public static FwCfgEntry userData(String file) {
        return new FwCfgEntry(USER_DATA, file);
    }
}
