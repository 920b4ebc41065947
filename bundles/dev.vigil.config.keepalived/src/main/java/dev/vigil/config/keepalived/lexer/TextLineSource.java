package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The lines of one text (a file's content), split on {@code \n}, {@code \r\n} or {@code \r}. */
public final class TextLineSource implements LineSource {

    private final String file;
    private final String text;
    private int position;
    private int lineNumber;

    public TextLineSource(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * Reads a file as UTF-8. Bytes that are not UTF-8 (a Latin-1 comment, say) become U+FFFD
     * instead of failing the whole file: they can only matter inside a value, where they are
     * reported as such.
     */
    public static TextLineSource of(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return new TextLineSource(path.toString(), text);
    }

    @Override
    public Optional<SourceLine> next() {
        if (position >= text.length()) {
            return Optional.empty();
        }
        int end = position;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String line = text.substring(position, end);
        if (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n') {
            end++;
        }
        position = end + 1;
        lineNumber++;
        return Optional.of(new SourceLine(new SourceLocation(file, lineNumber), line));
    }
}
