package dev.vigil.script.support;

import java.util.ArrayList;
import java.util.List;

/** A command written on one line, as words. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * Splits a command written on one line when no argv was given: words at blanks, single and
     * double quotes group, a backslash escapes the next character.
     */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        if (command == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char ch = command.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The argv when one was given, else the command split into words. */
    public static List<String> argv(String[] argv, String command) {
        return argv != null && argv.length > 0 ? List.of(argv) : split(command);
    }
}
