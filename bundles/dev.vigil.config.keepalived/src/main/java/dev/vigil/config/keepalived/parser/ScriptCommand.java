package dev.vigil.config.keepalived.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How keepalived turns a script line into a command, and its script-security test. */
final class ScriptCommand {

    private ScriptCommand() {
    }

    /**
     * Splits a command the way keepalived does before exec (no shell): white space separates
     * words, {@code '...'} and {@code "..."} group them, {@code \} escapes the next character.
     *
     * @return the words, or an empty list when a quote is not closed
     */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return List.of();
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * keepalived's check_script_secure: the script and every directory above it must be owned by
     * root and not writable by group or others.
     *
     * @return the first path that fails the test
     */
    static Optional<Path> writableByNonRoot(Path script) {
        Path current = script.toAbsolutePath().normalize();
        while (current != null) {
            try {
                Object uid = Files.getAttribute(current, "unix:uid");
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(current);
                boolean sticky = false;
                if (Files.isDirectory(current)) {
                    Object mode = Files.getAttribute(current, "unix:mode");
                    sticky = mode instanceof Integer m && (m & 01000) != 0;
                }
                boolean groupOrOthers = permissions.contains(PosixFilePermission.GROUP_WRITE)
                        || permissions.contains(PosixFilePermission.OTHERS_WRITE);
                if (!Integer.valueOf(0).equals(uid) || (groupOrOthers && !sticky)) {
                    return Optional.of(current);
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty();
            }
            current = current.getParent();
        }
        return Optional.empty();
    }
}
