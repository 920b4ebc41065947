package dev.vigil.config.keepalived.lexer;

import java.util.List;
import java.util.function.LongFunction;

/**
 * A {@code ~SEQ(...)} or {@code ~LST(...)} line: its text is read once per value set, with the
 * variables defined to that set's values first (they stay defined afterwards, as in keepalived).
 *
 * @param keyword {@code ~SEQ}, {@code ~SEQx} or {@code ~LST}
 * @param count how many value sets, at least 1
 * @param values the values of set {@code i}, one per variable
 */
record Replication(String keyword, List<String> variables, long count, LongFunction<List<String>> values,
                   String text) {

    Replication {
        variables = List.copyOf(variables);
    }
}
