package io.labvisor.tag;

import java.util.Objects;

/** One EC2 tag: a key and a value (EC2 stores a missing value as the empty string). */
public record Tag(String key, String value) {
    public Tag {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
    }
}
