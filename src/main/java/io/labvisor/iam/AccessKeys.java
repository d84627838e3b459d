package io.labvisor.iam;

import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.store.Database;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's access keys, in the {@code access_keys} table. Secrets are stored as issued because SigV4 derives its
 * signing key from the secret itself (a hash would not do); the state directory is root's, like the rest of the
 * state. Secrets leave this class only through {@link #create()} (once) and {@link #activeSecret} (for verifying).
 */
public final class AccessKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray(); // base32, as AWS
    private static final Pattern ID = Pattern.compile("AKIA[A-Z2-7]{16}");

    private final Database db;

    public AccessKeys(Database db) {
        this.db = db;
    }

    /** A new active key for the lab machine's one user: {@code AKIA} + 16 base32 characters, 40-character secret. */
    public NewAccessKey create() {
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        byte[] secretBytes = new byte[30]; // 240 bits, 40 base64 characters
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getEncoder().encodeToString(secretBytes);
        AccessKey key = new AccessKey(id.toString(), Account.USER_NAME, AccessKey.Status.ACTIVE,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO access_keys (id, user_name, secret, status, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, key.accessKeyId());
                ps.setString(2, key.userName());
                ps.setString(3, secret);
                ps.setString(4, key.status().label());
                ps.setString(5, key.createDate().toString());
                ps.executeUpdate();
            }
        });
        return new NewAccessKey(key, secret);
    }

    /** Every key, oldest first, without secrets. */
    public List<AccessKey> list() {
        return db.read(c -> {
            List<AccessKey> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_name, status, created_at FROM access_keys ORDER BY created_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AccessKey(rs.getString(1), rs.getString(2), AccessKey.Status.parse(rs.getString(3)),
                            Instant.parse(rs.getString(4))));
                }
            }
            return out;
        });
    }

    /**
     * Deletes the key; requests signed with it fail from then on.
     *
     * @throws Ec2Exception {@code NoSuchEntity} when there is no such key, as IAM answers
     */
    public void delete(String accessKeyId) {
        int deleted = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM access_keys WHERE id = ?")) {
                ps.setString(1, accessKeyId);
                return ps.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw new Ec2Exception(ErrorCode.NO_SUCH_ENTITY,
                    "The Access Key with id " + accessKeyId + " cannot be found.");
        }
    }

    /** The secret of an active key, for signature verification; empty for unknown or inactive keys. */
    public Optional<String> activeSecret(String accessKeyId) {
        if (accessKeyId == null || !ID.matcher(accessKeyId).matches()) {
            return Optional.empty();
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret FROM access_keys WHERE id = ? AND status = ?")) {
                ps.setString(1, accessKeyId);
                ps.setString(2, AccessKey.Status.ACTIVE.label());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
