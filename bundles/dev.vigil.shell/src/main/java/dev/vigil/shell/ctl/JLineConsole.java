package dev.vigil.shell.ctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive session with JLine: history in {@code ~/.vigil_history}, completion of the
 * daemon's command names (with and without their scope). Only loaded when JLine is present.
 */
final class JLineConsole {

    private JLineConsole() {
    }

    static int loop(Path socket, List<String> names) throws Exception {
        List<String> words = new ArrayList<>(names);
        for (String n : names) {
            int colon = n.indexOf(':');
            if (colon > 0 && n.startsWith("vrrp:")) {
                words.add(n.substring(colon + 1));
            }
        }
        words.add("--json");
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("vigil")
                    .completer(new StringsCompleter(words))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home", "/root"), ".vigil_history"))
                    .build();
            int last = 0;
            while (true) {
                String line;
                try {
                    line = reader.readLine("vigil> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return last;
                }
                if (Ctl.isExit(line)) {
                    return last;
                }
                last = Ctl.runQuietly(socket, line);
            }
        }
    }
}
