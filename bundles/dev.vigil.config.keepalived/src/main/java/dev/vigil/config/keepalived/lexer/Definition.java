package dev.vigil.config.keepalived.lexer;

import java.util.List;

/**
 * A {@code $NAME=value} definition. A multi-line definition keeps each body line with the file
 * and line it was written on, so a line expanded from it is reported where its text is.
 */
record Definition(String name, List<SourceLine> body) {

    Definition {
        body = List.copyOf(body);
    }

    boolean multiline() {
        return body.size() > 1;
    }

    /** The value used inside a line: a multi-line body is joined with spaces. */
    String singleLine() {
        return String.join(" ", body.stream().map(SourceLine::text).toList());
    }
}
