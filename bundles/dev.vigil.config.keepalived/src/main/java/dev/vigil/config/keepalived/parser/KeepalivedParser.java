package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.lexer.Lexer;
import dev.vigil.config.keepalived.lexer.LineSource;
import dev.vigil.config.keepalived.lexer.Preprocessor;
import dev.vigil.config.keepalived.lexer.TextLineSource;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.parser.Builders.Config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a keepalived.conf into the model: preprocessor (include, $NAME, ~SEQ/~LST, @id) → lexer →
 * statements → keyword tables → checks.
 */
public final class KeepalivedParser {

    private KeepalivedParser() {
    }

    public static ParseResult parse(Path file) {
        return parse(file, Optional.empty());
    }

    /** @param configId the {@code -i/--config-id} that selects {@code @ID} lines; empty selects none */
    public static ParseResult parse(Path file, Optional<String> configId) {
        return parse(file, configId, false);
    }

    /**
     * @param allConfig keepalived's {@code -e/--all-config}: any included file that is missing or
     *                  cannot be read is an error
     */
    public static ParseResult parse(Path file, Optional<String> configId, boolean allConfig) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            return parse(file.toString(), TextLineSource.of(file), directory, configId, ScriptSearchPath.fromEnvironment(),
                    allConfig);
        } catch (IOException e) {
            Diagnostics diagnostics = new Diagnostics();
            String reason = e instanceof NoSuchFileException ? "no such file" : e.toString();
            diagnostics.error(SourceLocation.ofFile(file.toString()), "cannot read the configuration: " + reason);
            return new ParseResult(KeepalivedConfig.empty(file.toString()), diagnostics.sorted(), true, false,
                    List.of(file.toString()));
        }
    }

    /** Parses text as if it were the content of {@code fileName} (diagnostics name that file). */
    public static ParseResult parse(String fileName, String text) {
        return parse(fileName, text, Optional.empty());
    }

    public static ParseResult parse(String fileName, String text, Optional<String> configId) {
        return parse(fileName, text, configId, ScriptSearchPath.fromEnvironment());
    }

    /** @param searchPath where bare script names are looked up (the process's PATH outside tests) */
    static ParseResult parse(String fileName, String text, Optional<String> configId, ScriptSearchPath searchPath) {
        Path parent = Path.of(fileName).toAbsolutePath().getParent();
        return parse(fileName, new TextLineSource(fileName, text), parent, configId, searchPath, false);
    }

    private static ParseResult parse(String fileName, LineSource lines, Path directory, Optional<String> configId,
                                     ScriptSearchPath searchPath, boolean allConfig) {
        Diagnostics diagnostics = new Diagnostics();
        ParseContext context = new ParseContext(diagnostics);
        Preprocessor preprocessor = new Preprocessor(lines, directory, configId, diagnostics);
        if (allConfig) {
            preprocessor.requireEveryFile();
        }
        List<Statement> statements = new StatementReader(new Lexer(preprocessor, diagnostics), diagnostics).readAll();
        Config config = new Config();
        KeepalivedGrammar.TOP.apply(statements, config, context);
        KeepalivedConfig model = new ConfigResolver(context, searchPath).resolve(fileName, config);
        List<String> files = new ArrayList<>();
        files.add(fileName);
        files.addAll(preprocessor.includedFiles());
        return new ParseResult(model, diagnostics.sorted(), diagnostics.unreadable(),
                diagnostics.scriptSecurityViolation(), files);
    }
}
