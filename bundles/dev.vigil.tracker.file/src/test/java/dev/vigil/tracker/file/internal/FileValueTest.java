package dev.vigil.tracker.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived reads the file with strtol(buf, NULL, 0): the same numbers here. */
class FileValueTest {

    @TempDir
    Path dir;

    @Test
    void strtolBaseZero() {
        assertThat(FileValue.strtol("5")).hasValue(5);
        assertThat(FileValue.strtol("  -3\n")).hasValue(-3);
        assertThat(FileValue.strtol("+7")).hasValue(7);
        assertThat(FileValue.strtol("0x1f")).hasValue(31);
        assertThat(FileValue.strtol("0X1F")).hasValue(31);
        assertThat(FileValue.strtol("010")).as("a leading 0 is octal").hasValue(8);
        assertThat(FileValue.strtol("09")).as("octal stops at 9").hasValue(0);
        assertThat(FileValue.strtol("0x")).as("no hex digit: the 0").hasValue(0);
        assertThat(FileValue.strtol("12abc")).hasValue(12);
        assertThat(FileValue.strtol("abc")).hasValue(0);
        assertThat(FileValue.strtol("")).hasValue(0);
        assertThat(FileValue.strtol("-")).hasValue(0);
        assertThat(FileValue.strtol("9223372036854775807")).hasValue(Long.MAX_VALUE);
        assertThat(FileValue.strtol("-9223372036854775808")).hasValue(Long.MIN_VALUE);
        assertThat(FileValue.strtol("9223372036854775808")).isEqualTo(OptionalLong.empty());
        assertThat(FileValue.strtol("99999999999999999999999999")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void fileRules() throws IOException {
        Path f = dir.resolve("prio");
        assertThat(FileValue.read(f)).isEqualTo(new FileValue.Reading(0, true, "missing: 0"));
        Files.writeString(f, "");
        assertThat(FileValue.read(f).value()).isZero();
        Files.writeString(f, "42\n");
        assertThat(FileValue.read(f)).isEqualTo(new FileValue.Reading(42, true, "value 42"));
        Files.writeString(f, "2147483648");
        assertThat(FileValue.read(f).valid()).as("keepalived allows INT32_MAX + 1").isTrue();
        Files.writeString(f, "2147483649");
        assertThat(FileValue.read(f).valid()).isFalse();
        Files.writeString(f, "-2147483649");
        assertThat(FileValue.read(f).valid()).isFalse();
        Files.writeString(f, " ".repeat(127) + "5");
        assertThat(FileValue.read(f).value()).as("only the first 127 bytes are read").isZero();
        assertThat(FileValue.read(dir).value()).as("a directory cannot be read: 0").isZero();
    }
}
