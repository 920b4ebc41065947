package dev.vigil.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class StructsSockaddrUnTest {

    private static short family(byte[] sa) {
        return ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).getShort(0);
    }

    @Test
    void pathIsNulTerminatedAfterTheFamily() {
        byte[] sa = Structs.sockaddrUn("/dev/log");
        assertThat(sa).hasSize(2 + 8 + 1);
        assertThat(family(sa)).isEqualTo((short) 1);
        assertThat(new String(Arrays.copyOfRange(sa, 2, 10), StandardCharsets.US_ASCII)).isEqualTo("/dev/log");
        assertThat(sa[10]).isZero();
    }

    @Test
    void abstractNameStartsWithNulAndHasNoTerminator() {
        byte[] sa = Structs.sockaddrUn("@/org/freedesktop/systemd1/notify/123");
        String name = "/org/freedesktop/systemd1/notify/123";
        assertThat(sa).hasSize(2 + 1 + name.length());
        assertThat(sa[2]).isZero();
        assertThat(new String(Arrays.copyOfRange(sa, 3, sa.length), StandardCharsets.US_ASCII)).isEqualTo(name);
    }

    @Test
    void tooLongOrEmptyIsRefused() {
        assertThatThrownBy(() -> Structs.sockaddrUn("/" + "x".repeat(107))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Structs.sockaddrUn("/" + "x".repeat(106))).hasSize(2 + 108);
        assertThatThrownBy(() -> Structs.sockaddrUn("")).isInstanceOf(IllegalArgumentException.class);
    }
}
