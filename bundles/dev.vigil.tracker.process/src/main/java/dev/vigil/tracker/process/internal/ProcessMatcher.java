package dev.vigil.tracker.process.internal;

import java.util.List;
import java.util.Objects;

/**
 * Which processes a {@code vrrp_track_process} counts, as keepalived's {@code read_procs()} and
 * {@code check_params()} (keepalived/core/track_process.c) decide: by default the process name
 * ({@code /proc/PID/comm}, at most 15 characters) equals {@code name}; with parameters,
 * {@code param_match} or {@code full_command}, argv[0] equals {@code name} exactly and the
 * parameters are compared word by word: {@code exact} all of them, {@code partial} the first
 * ones, {@code initial} the first ones with the last configured one a prefix of its counterpart.
 * An exact match with no configured parameters wants a process with none.
 *
 * @param parameters null: any parameters
 */
record ProcessMatcher(String name, List<String> parameters, Mode mode, boolean fullCommand) {

    enum Mode { EXACT, PARTIAL, INITIAL }

    /** The longest process name the kernel keeps in comm. */
    static final int COMM_LENGTH = 15;

    ProcessMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        parameters = parameters == null ? null : List.copyOf(parameters);
        fullCommand = fullCommand || parameters != null;
    }

    /** Whether argv is needed (reading /proc/PID/cmdline), or comm is enough. */
    boolean needsCommandLine() {
        return fullCommand;
    }

    /**
     * @param comm the process name from /proc/PID/stat
     * @param argv /proc/PID/cmdline split at NULs (empty for kernel threads), null when not read
     */
    boolean matches(String comm, List<String> argv) {
        if (!fullCommand) {
            return name.equals(comm);
        }
        if (argv == null || argv.isEmpty() || !name.equals(argv.get(0))) {
            return false;
        }
        if (parameters == null) {
            return true;
        }
        List<String> actual = argv.subList(1, argv.size());
        int n = parameters.size();
        return switch (mode) {
            case EXACT -> actual.equals(parameters);
            case PARTIAL -> actual.size() >= n && actual.subList(0, n).equals(parameters);
            case INITIAL -> actual.size() >= n && (n == 0 || (actual.subList(0, n - 1).equals(parameters.subList(0, n - 1))
                    && actual.get(n - 1).startsWith(parameters.get(n - 1))));
        };
    }

    static Mode mode(String text) {
        if (text == null || text.isBlank()) {
            return Mode.EXACT;
        }
        return switch (text.trim().toLowerCase()) {
            case "exact" -> Mode.EXACT;
            case "partial" -> Mode.PARTIAL;
            case "initial" -> Mode.INITIAL;
            default -> throw new IllegalArgumentException("param_match must be exact, partial or initial, not " + text);
        };
    }
}
