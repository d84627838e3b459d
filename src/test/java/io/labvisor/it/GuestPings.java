package io.labvisor.it;

import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A guest pinging a peer once a second from user data, and waits on its LABVISOR-PING lines (docs/CONTRACTS.md). */
final class GuestPings {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private GuestPings() {
    }

    /** User data: one busybox ping to {@code peer} a second, each reported as a LABVISOR-PING line. */
    static String loop(String peer) {
        return "#!/bin/sh\n"
                + "while true; do\n"
                + "  if ping -c1 -W1 " + peer + " >/dev/null 2>&1; then r=ok; else r=fail; fi\n"
                + "  echo \"LABVISOR-PING peer=" + peer + " result=$r\"\n"
                + "  sleep 1\n"
                + "done &\n";
    }

    /**
     * Waits for {@code n} consecutive PING lines with {@code result}, all printed after this call (a ping in flight
     * may still see the rules before a change); returns those lines.
     */
    static List<GuestLine> awaitAfterNow(ConsoleLog console, String result, int n, String what)
            throws InterruptedException {
        int seen = pings(console).size();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            List<GuestLine> all = pings(console);
            List<GuestLine> lines = all.subList(seen, all.size());
            int run = 0;
            for (int i = 0; i < lines.size(); i++) {
                run = result.equals(lines.get(i).get("result")) ? run + 1 : 0;
                if (run >= n) {
                    return lines.subList(i + 1 - n, i + 1);
                }
            }
            Thread.sleep(500);
        }
        List<GuestLine> lines = pings(console);
        assertEquals(result, lines.isEmpty() ? "none" : lines.get(lines.size() - 1).get("result"),
                what + "; console:\n" + console.tail());
        throw new AssertionError(what + ": no " + n + " consecutive " + result + "; console:\n" + console.tail());
    }

    private static List<GuestLine> pings(ConsoleLog console) {
        return console.lines().stream().filter(l -> l.kind().equals("LABVISOR-PING")).toList();
    }
}
