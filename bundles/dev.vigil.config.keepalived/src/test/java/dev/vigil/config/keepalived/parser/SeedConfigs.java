package dev.vigil.config.keepalived.parser;

import java.nio.file.Files;
import java.nio.file.Path;

/** The seed's two configurations, at the top of the repository (config/). */
public final class SeedConfigs {

    public static final Path CONFIG_DIR = findConfigDir();
    public static final Path MASTER = CONFIG_DIR.resolve("keepalived-master.conf");
    public static final Path BACKUP = CONFIG_DIR.resolve("keepalived-backup.conf");

    private SeedConfigs() {
    }

    private static Path findConfigDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("config").resolve("keepalived-master.conf");
            if (Files.isRegularFile(candidate)) {
                return dir.resolve("config");
            }
        }
        throw new IllegalStateException("config/keepalived-master.conf not found above " + Path.of("").toAbsolutePath());
    }
}
