package dev.vigil.notify.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a request body under the configured secret, as sent in X-Vigil-Signature. */
final class Signer {

    static final String HEADER = "X-Vigil-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Signer(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code sha256=} and the lowercase hex HMAC of exactly these bytes. */
    String signature(byte[] body) {
        try {
            // A Mac is not thread-safe and cheap to get: one per signature.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256 in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "HMAC-SHA256 signer";
    }
}
