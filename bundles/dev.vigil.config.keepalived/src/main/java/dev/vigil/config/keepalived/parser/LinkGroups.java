package dev.vigil.config.keepalived.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A link group as {@code use_vmac ... group ID} and {@code use_ipvlan ... group ID} give it, the way
 * keepalived and {@code ip link ... group} read it: a number, or a name from iproute2's group
 * table ({@code NUMBER NAME} lines, {@code #} comments).
 */
final class LinkGroups {

    /** iproute2's tables, the administrator's first. */
    static final List<Path> TABLES = List.of(Path.of("/etc/iproute2/group"), Path.of("/usr/share/iproute2/group"));

    private LinkGroups() {
    }

    static Optional<Integer> resolve(String word, List<Path> tables) {
        Optional<Integer> number = number(word);
        if (number.isPresent()) {
            return number;
        }
        for (Path table : tables) {
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.replaceFirst("#.*", "").trim().split("\\s+");
                    if (fields.length >= 2 && fields[1].equals(word)) {
                        Optional<Integer> value = number(fields[0]);
                        if (value.isPresent()) {
                            return value;
                        }
                    }
                }
            } catch (IOException e) {
                // no such table here: the next one, or not found
            }
        }
        return Optional.empty();
    }

    /** A group number: 0 to 2^31-1 (the kernel's u32, within what Vigil's properties carry). */
    private static Optional<Integer> number(String word) {
        try {
            long value = word.startsWith("0x") ? Long.parseLong(word.substring(2), 16) : Long.parseLong(word);
            return value >= 0 && value <= Integer.MAX_VALUE ? Optional.of((int) value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
