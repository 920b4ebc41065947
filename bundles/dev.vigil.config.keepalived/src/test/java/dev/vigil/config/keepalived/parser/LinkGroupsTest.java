package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkGroupsTest {

    @TempDir
    Path dir;

    @Test
    void aNumberOrANameFromTheFirstTableThatHasIt() throws Exception {
        Path admin = Files.writeString(dir.resolve("group"), "# device group names\n0\tdefault\n12 uplinks # ours\n");
        Path shipped = Files.writeString(dir.resolve("shipped"), "13 uplinks\n14 storage\n");
        List<Path> tables = List.of(admin, shipped, dir.resolve("missing"));

        assertThat(LinkGroups.resolve("7", tables)).contains(7);
        assertThat(LinkGroups.resolve("0x10", tables)).contains(16);
        assertThat(LinkGroups.resolve("uplinks", tables)).contains(12);
        assertThat(LinkGroups.resolve("storage", tables)).contains(14);
        assertThat(LinkGroups.resolve("default", tables)).contains(0);
        assertThat(LinkGroups.resolve("nowhere", tables)).isEmpty();
        assertThat(LinkGroups.resolve("-1", tables)).isEmpty();
    }
}
