package io.labvisor.card;

import io.labvisor.host.CpuSet;

import java.nio.file.Path;
import java.util.List;

/** What the supervisor needs to know of any card, storage or network: whose it is, how to run and recognise it. */
public interface CardSpec {
    String instanceId();

    /** Host CPUs it may run on (the partition's card CPUs). */
    CpuSet cpus();

    /** Names the running card's pid: the adoption key. */
    Path pidFile();

    /** The card's stdout and stderr. */
    Path logFile();

    List<String> argv();

    /** True when {@code cmdline} (NUL-separated, from /proc) is this card, not a reused pid. */
    boolean matchesCmdline(String cmdline);
}
