package io.labvisor.iam;

import java.time.Instant;

/** An access key as {@code aws iam list-access-keys} shows it: everything but the secret. */
public record AccessKey(String accessKeyId, String userName, Status status, Instant createDate) {

    public enum Status {
        ACTIVE("Active"), INACTIVE("Inactive");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** IAM's spelling. */
        public String label() {
            return label;
        }

        public static Status parse(String label) {
            for (Status s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown access key status '" + label + "'");
        }
    }
}
