package io.labvisor.host;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of host CPUs in the syntax taskset, libvirt's cpuset and the kernel's Cpus_allowed_list share:
 * {@code 0}, {@code 1-3}, {@code 0,2-3}. Always written back in the canonical ranges form.
 */
public record CpuSet(List<Integer> cpus) {

    public CpuSet {
        cpus = List.copyOf(new TreeSet<>(cpus));
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a CPU set needs at least one CPU");
        }
        if (cpus.get(0) < 0) {
            throw new IllegalArgumentException("negative CPU number " + cpus.get(0));
        }
    }

    public static CpuSet range(int first, int last) {
        List<Integer> out = new ArrayList<>();
        for (int c = first; c <= last; c++) {
            out.add(c);
        }
        return new CpuSet(out);
    }

    public static CpuSet parse(String text) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.trim().split(",")) {
                String[] ends = part.trim().split("-", -1);
                if (ends.length > 2) {
                    throw new IllegalArgumentException("bad CPU range '" + part + "' in '" + text + "'");
                }
                int first = Integer.parseInt(ends[0].trim());
                int last = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : first;
                if (last < first) {
                    throw new IllegalArgumentException("descending CPU range '" + part + "' in '" + text + "'");
                }
                for (int c = first; c <= last; c++) {
                    out.add(c);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CPU list: '" + text + "' (use e.g. 0 or 1-3 or 0,2-3)");
        }
        return new CpuSet(out);
    }

    public int size() {
        return cpus.size();
    }

    /** Canonical text: ascending, runs of two or more as ranges. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < cpus.size()) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(cpus.get(i));
            if (j > i) {
                b.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }
}
