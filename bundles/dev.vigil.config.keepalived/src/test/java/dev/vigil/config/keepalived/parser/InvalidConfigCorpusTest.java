package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in src/test/resources/invalid is a small broken configuration whose comment lines
 * {@code # expect-error LINE: TEXT} list exactly the errors it must produce.
 */
class InvalidConfigCorpusTest {

    private static final Pattern EXPECTATION = Pattern.compile("^# expect-error (\\d+): (.*)$");

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidConfigCorpusTest.class.getResource("/invalid").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
            assertThat(sorted).hasSizeGreaterThan(30);
            return sorted.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsExactlyTheExpectedErrors(Path file) throws IOException {
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(EXPECTATION::matcher)
                .filter(Matcher::matches)
                .map(m -> file + ":" + m.group(1) + ": error: " + m.group(2))
                .toList();
        assertThat(expected).as("the file declares its expected errors").isNotEmpty();

        ParseResult result = KeepalivedParser.parse(file);

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).map(Object::toString).containsExactlyInAnyOrderElementsOf(expected);
    }
}
