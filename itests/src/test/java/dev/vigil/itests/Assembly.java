package dev.vigil.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The exported daemon assembly (features/target/vigil.jar) and the bundles it launches. */
final class Assembly {

    private Assembly() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("vigil.jar", "../features/target/vigil.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the assembly " + jar + " is missing: build with `mvn package` from the top");
        }
        return jar;
    }

    /**
     * Extracts the run bundles in launch order (the launcher's {@code launch.bundles}), without
     * the framework itself and the bnd launcher.
     */
    static List<Path> extractRunBundles(Path into) throws IOException {
        Files.createDirectories(into);
        List<Path> bundles = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            Properties launcher = new Properties();
            try (InputStream in = zip.getInputStream(zip.getEntry("launcher.properties"))) {
                launcher.load(in);
            }
            for (String name : launcher.getProperty("launch.bundles").split(",")) {
                ZipEntry entry = zip.getEntry(name.trim());
                Path target = into.resolve(Path.of(name.trim()).getFileName().toString());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                bundles.add(target);
            }
        }
        return bundles;
    }
}
