package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's find_path(): the first executable regular file of that name in a PATH directory. */
class ScriptSearchPathTest {

    @TempDir
    Path dir;

    private Path file(String relative, String permissions) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void theFirstExecutableRegularFileWinsAndOthersAreSkipped() throws IOException {
        file("plain/check", "rw-r--r--");
        Files.createDirectories(dir.resolve("dirs/check"));
        Path executable = file("bin/check", "rwxr-xr-x");
        file("later/check", "rwxr-xr-x");
        String path = String.join(":", List.of(dir.resolve("none").toString(), dir.resolve("plain").toString(),
                dir.resolve("dirs").toString(), dir.resolve("bin").toString(), dir.resolve("later").toString()));

        assertThat(new ScriptSearchPath(path).find("check")).isEqualTo(new ScriptSearchPath.Found(executable));
    }

    @Test
    void onlyFilesNobodyMayExecuteOrDirectoriesIsAPermissionFailureNotAMissingScript() throws IOException {
        file("plain/check", "rw-r--r--");
        Files.createDirectories(dir.resolve("dirs/check"));
        assertThat(new ScriptSearchPath(dir.resolve("plain").toString()).find("check"))
                .isEqualTo(new ScriptSearchPath.NotExecutable());
        assertThat(new ScriptSearchPath(dir.resolve("dirs").toString()).find("check"))
                .isEqualTo(new ScriptSearchPath.NotExecutable());
        assertThat(new ScriptSearchPath(dir.resolve("plain").toString()).find("other"))
                .isEqualTo(new ScriptSearchPath.NotFound());
    }

    @Test
    void withoutPathTheDefaultDirectoriesAreSearched() {
        for (String unset : new String[] {null, ""}) {
            ScriptSearchPath.Result result = new ScriptSearchPath(unset).find("sh");
            assertThat(result).isInstanceOf(ScriptSearchPath.Found.class);
            assertThat(List.of(ScriptSearchPath.DEFAULT_PATH.split(":")))
                    .contains(((ScriptSearchPath.Found) result).file().getParent().toString());
        }
    }
}
