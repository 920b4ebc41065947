package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code $NAME=value} lines into {@link Definitions}. A value ending in {@code \} goes on
 * over the next lines (keepalived's only line continuation) and makes a multi-line definition; a
 * line without the {@code \}, an empty line or the end of the file ends it.
 */
final class DefinitionReader {

    /** A multi-line definition whose body lines are still being read. */
    private record Pending(String name, List<SourceLine> body, SourceLocation location) {
    }

    private final Definitions definitions;
    private Pending pending;

    DefinitionReader(Definitions definitions) {
        this.definitions = definitions;
    }

    /** Whether the next line belongs to a multi-line definition. */
    boolean continuing() {
        return pending != null;
    }

    void define(SourceLocation at, String name, String value) {
        String stripped = value.strip();
        if (stripped.endsWith("\\")) {
            pending = new Pending(name, new ArrayList<>(), at);
            addBodyLine(at, stripped.substring(0, stripped.length() - 1));
            return;
        }
        definitions.define(new Definition(name, List.of(new SourceLine(at, stripped))));
    }

    void continueWith(SourceLine line) {
        String stripped = line.text().strip();
        boolean more = stripped.endsWith("\\");
        addBodyLine(line.location(), more ? stripped.substring(0, stripped.length() - 1) : stripped);
        if (!more) {
            finish();
        }
    }

    /** Ends a multi-line definition still being read (its file ended). */
    void finish() {
        if (pending == null) {
            return;
        }
        Pending done = pending;
        pending = null;
        List<SourceLine> body = done.body().isEmpty() ? List.of(new SourceLine(done.location(), "")) : done.body();
        definitions.define(new Definition(done.name(), body));
    }

    private void addBodyLine(SourceLocation at, String text) {
        if (!text.isBlank()) {
            pending.body().add(new SourceLine(at, text.strip()));
        }
    }
}
