package io.labvisor.ec2;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** EC2 resource ids: a prefix such as {@code i-} followed by 17 lowercase hex digits. */
public enum ResourceId {
    INSTANCE("i"),
    IMAGE("ami"),
    VOLUME("vol"),
    RESERVATION("r"),
    SNAPSHOT("snap"),
    VPC("vpc"),
    SUBNET("subnet"),
    SECURITY_GROUP("sg"),
    NETWORK_INTERFACE("eni"),
    REQUEST("req");

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String prefix;
    private final Pattern pattern;

    ResourceId(String prefix) {
        this.prefix = prefix;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + "-[0-9a-f]{17}");
    }

    public String prefix() {
        return prefix;
    }

    /** A fresh id, e.g. {@code i-0f3a9c21d4e5b6a78}. */
    public String next() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }

    public boolean isValid(String id) {
        return id != null && pattern.matcher(id).matches();
    }
}
