package dev.vigil.config.keepalived;

import dev.vigil.config.keepalived.diag.Diagnostic;
import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code vigil -t}: checks a keepalived.conf without applying it. */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * Prints every diagnostic of {@code file} as {@code FILE:LINE: error|warning: text}.
     *
     * @return 0 when the file is valid (warnings allowed), 1 otherwise
     */
    public static int check(Path file, PrintStream out) {
        ParseResult result = KeepalivedParser.parse(file);
        for (Diagnostic diagnostic : result.diagnostics()) {
            out.println(diagnostic);
        }
        return result.valid() ? 0 : 1;
    }
}
