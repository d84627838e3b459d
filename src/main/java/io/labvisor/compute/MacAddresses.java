package io.labvisor.compute;

import java.security.SecureRandom;

/** MAC addresses for instance NICs: locally administered unicast (02:xx:...), like EC2's ENIs. */
final class MacAddresses {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MacAddresses() {
    }

    static String random() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        b[0] = 0x02;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
