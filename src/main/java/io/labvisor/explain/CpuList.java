package io.labvisor.explain;

import java.util.BitSet;

/** Parses Linux CPU lists such as "0-2,5" (Cpus_allowed_list, cpusets). */
final class CpuList {
    private CpuList() {
    }

    static BitSet parse(String list) {
        BitSet cpus = new BitSet();
        if (list == null || list.isBlank() || list.equals("?")) {
            return cpus;
        }
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            cpus.set(from, to + 1);
        }
        return cpus;
    }
}
