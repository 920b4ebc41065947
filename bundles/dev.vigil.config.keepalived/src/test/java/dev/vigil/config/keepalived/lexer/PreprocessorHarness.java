package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Runs the preprocessor over a keepalived.conf written in a temporary directory. */
final class PreprocessorHarness {

    final Diagnostics diagnostics = new Diagnostics();
    private final Path dir;
    private final Map<String, String> environment;

    PreprocessorHarness(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = environment;
    }

    PreprocessorHarness(Path dir) {
        this(dir, Map.of());
    }

    /** The non-empty lines the lexer would see, as "FILE:LINE text" with FILE relative to the directory. */
    List<String> lines(String text, String configId) throws IOException {
        Path main = Files.writeString(dir.resolve("keepalived.conf"), text);
        Preprocessor p = new Preprocessor(TextLineSource.of(main), dir, Optional.ofNullable(configId),
                environment::get, RandomGenerator.getDefault(), diagnostics);
        List<String> out = new ArrayList<>();
        for (Optional<SourceLine> line = p.next(); line.isPresent(); line = p.next()) {
            if (!line.get().text().isBlank()) {
                out.add(dir.relativize(Path.of(line.get().location().file())) + ":" + line.get().location().line()
                        + " " + line.get().text());
            }
        }
        return out;
    }

    List<String> read(String... text) throws IOException {
        return lines(String.join("\n", text), null);
    }

    /** Every diagnostic as "severity LINE message". */
    List<String> messages() {
        return diagnostics.sorted().stream().map(d -> d.severity().label() + " " + d.location().line() + " "
                + d.message()).toList();
    }
}
