package io.labvisor.imds;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * IMDSv2 session tokens: {@code <instance>.<expiry>.<HMAC>} in base64url, signed with a key that lives only in this
 * server process. A token is good for the instance it was issued to until it expires (or the server restarts, as
 * EC2's tokens do not survive their host either); nothing is stored per token.
 */
final class Tokens {
    static final int MIN_TTL = 1;
    static final int MAX_TTL = 21600;

    private final byte[] key;
    private final Clock clock;

    Tokens(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    static Tokens random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Tokens(key, Clock.systemUTC());
    }

    /** The TTL header's value, when it is an integer in 1..21600 (else EC2 answers 400). */
    static Optional<Integer> parseTtl(String header) {
        if (header == null || !header.strip().matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int ttl = Integer.parseInt(header.strip());
        return ttl >= MIN_TTL && ttl <= MAX_TTL ? Optional.of(ttl) : Optional.empty();
    }

    String issue(String instanceId, int ttlSeconds) {
        String payload = instanceId + "." + (clock.instant().getEpochSecond() + ttlSeconds);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (payload + "." + sign(payload)).getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code token} was issued by this server to {@code instanceId} and has not expired. */
    boolean valid(String token, String instanceId) {
        if (token == null || token.isBlank() || token.length() > 512) {
            return false;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int sig = text.lastIndexOf('.');
        int exp = sig < 0 ? -1 : text.lastIndexOf('.', sig - 1);
        if (exp < 0) {
            return false;
        }
        String payload = text.substring(0, sig);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.UTF_8),
                text.substring(sig + 1).getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(text.substring(exp + 1, sig));
        } catch (NumberFormatException e) {
            return false;
        }
        return text.substring(0, exp).equals(instanceId) && clock.instant().getEpochSecond() < expiry;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
