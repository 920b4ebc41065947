package dev.vigil.testing.netns;

/**
 * The outcome of a command run to completion.
 *
 * @param command what ran (for messages)
 * @param exitCode the exit code, or -1 when it timed out and was killed
 * @param stdout standard output
 * @param stderr standard error
 * @param timedOut whether the time limit ended it
 */
public record Result(String command, int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** This result when it succeeded; an {@link IllegalStateException} naming the command otherwise. */
    public Result orThrow() {
        if (!ok()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    public String describe() {
        return "`" + command + "` " + (timedOut ? "timed out" : "exited " + exitCode)
                + (stderr.isBlank() ? "" : ": " + stderr.strip())
                + (stdout.isBlank() ? "" : " [stdout: " + stdout.strip() + "]");
    }
}
