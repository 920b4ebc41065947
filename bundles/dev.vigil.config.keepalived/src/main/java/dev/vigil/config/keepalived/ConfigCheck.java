package dev.vigil.config.keepalived;

import dev.vigil.config.keepalived.diag.Diagnostic;
import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code vigil -t}: checks a keepalived.conf without applying it, touching the network or
 * starting the framework. Exit status as keepalived documents for {@code --config-test}
 * (keepalived(8), "Exit status"):
 * <ul>
 * <li>0: valid (warnings allowed);</li>
 * <li>3: the configuration cannot be run: the file cannot be read;</li>
 * <li>4: the configuration has errors (Vigil rejects it whole; fix them and it runs);</li>
 * <li>5: valid, but scripts run as root without {@code enable_script_security}.</li>
 * </ul>
 */
public final class ConfigCheck {

    public static final int OK = 0;
    public static final int CANNOT_RUN = 3;
    public static final int ERRORS = 4;
    public static final int SCRIPT_SECURITY = 5;

    private ConfigCheck() {
    }

    public static int check(Path file, PrintStream out) {
        return check(file, Optional.empty(), out);
    }

    /** Prints every diagnostic of {@code file} as {@code FILE:LINE: error|warning: text}; returns the exit status. */
    public static int check(Path file, Optional<String> configId, PrintStream out) {
        return check(file, configId, false, out);
    }

    /** @param allConfig {@code -e/--all-config}: a missing or unreadable included file is an error */
    public static int check(Path file, Optional<String> configId, boolean allConfig, PrintStream out) {
        ParseResult result = KeepalivedParser.parse(file, configId, allConfig);
        for (Diagnostic diagnostic : result.diagnostics()) {
            out.println(diagnostic);
        }
        if (result.unreadable()) {
            return CANNOT_RUN;
        }
        if (!result.valid()) {
            return ERRORS;
        }
        return result.scriptSecurityViolation() ? SCRIPT_SECURITY : OK;
    }

    /**
     * {@code ConfigCheck [-f FILE] [-i ID] [-e] [-o LOGFILE]}: what {@code bin/vigil -t} runs. Diagnostics
     * go to standard error, or to LOGFILE ({@code --config-test=LOGFILE}, as keepalived).
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of("/etc/keepalived/keepalived.conf");
        Optional<String> configId = Optional.empty();
        String log = null;
        boolean allConfig = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-e" -> allConfig = true;
                case "-f" -> file = Path.of(args[++i]);
                case "-i" -> configId = Optional.of(args[++i]).filter(s -> !s.isBlank());
                case "-o" -> log = args[++i];
                default -> {
                    System.err.println("ConfigCheck: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        int status;
        if (log == null) {
            // UTF-8 whatever the locale: diagnostics quote the file, which is UTF-8
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            status = check(file, configId, allConfig, err);
            err.flush();
        } else {
            try (PrintStream out = new PrintStream(new FileOutputStream(log, true), true, StandardCharsets.UTF_8)) {
                status = check(file, configId, allConfig, out);
            }
        }
        System.exit(status);
    }
}
