package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignerTest {

    @Test
    void matchesRfc4231TestCase2() {
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

        assertThat(new Signer("Jefe").signature(data))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signsTheExactBytes() {
        Signer s = new Signer("s3cret");

        assertThat(s.signature("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(s.signature("{\"a\":1} ".getBytes(StandardCharsets.UTF_8)))
                .matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new Signer("s3cret").toString()).doesNotContain("s3cret");
    }
}
