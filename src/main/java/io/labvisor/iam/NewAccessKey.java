package io.labvisor.iam;

/**
 * A key just created: the only time its secret is handed out, as with IAM's CreateAccessKey.
 * {@link #toString()} leaves the secret out so it cannot slip into a log line.
 */
public record NewAccessKey(AccessKey key, String secretAccessKey) {

    @Override
    public String toString() {
        return "NewAccessKey[" + key + ", secretAccessKey=<redacted>]";
    }
}
