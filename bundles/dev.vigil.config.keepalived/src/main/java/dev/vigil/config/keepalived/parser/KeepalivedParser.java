package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.lexer.Lexer;
import dev.vigil.config.keepalived.lexer.LineSource;
import dev.vigil.config.keepalived.lexer.TextLineSource;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.parser.Builders.Config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a keepalived.conf into the model: lexer → statements → keyword tables → checks. */
public final class KeepalivedParser {

    private KeepalivedParser() {
    }

    public static ParseResult parse(Path file) {
        try {
            return parse(file.toString(), TextLineSource.of(file));
        } catch (IOException e) {
            Diagnostics diagnostics = new Diagnostics();
            String reason = e instanceof NoSuchFileException ? "no such file" : e.toString();
            diagnostics.error(SourceLocation.ofFile(file.toString()), "cannot read the configuration: " + reason);
            return new ParseResult(new KeepalivedConfig(file.toString(), GlobalDefs.defaults(), List.of(), List.of()),
                    diagnostics.sorted());
        }
    }

    /** Parses text as if it were the content of {@code fileName} (diagnostics name that file). */
    public static ParseResult parse(String fileName, String text) {
        return parse(fileName, new TextLineSource(fileName, text));
    }

    private static ParseResult parse(String fileName, LineSource lines) {
        Diagnostics diagnostics = new Diagnostics();
        ParseContext context = new ParseContext(diagnostics);
        List<Statement> statements = new StatementReader(new Lexer(lines, diagnostics), diagnostics).readAll();
        Config config = new Config();
        KeepalivedGrammar.TOP.apply(statements, config, context);
        KeepalivedConfig model = new ConfigResolver(context).resolve(fileName, config);
        return new ParseResult(model, diagnostics.sorted());
    }
}
