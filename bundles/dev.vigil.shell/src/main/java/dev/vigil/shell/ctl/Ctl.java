package dev.vigil.shell.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code vigil ctl}: runs one command in the running daemon over its control socket, or, with
 * no command, an interactive session (line editing, history and completion when JLine is on the
 * class path and standard input is a terminal; plain lines otherwise). Plain JDK otherwise: it
 * runs outside the framework ({@code java -cp dev.vigil.shell.jar dev.vigil.shell.ctl.Ctl}).
 *
 * <pre>Ctl SOCKET [COMMAND [ARG...]]</pre>
 *
 * Exit status: the command's (0 ok, 1 failed), 2 usage, 3 no daemon on the socket.
 */
public final class Ctl {

    private Ctl() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Ctl SOCKET [COMMAND [ARG...]]");
            System.exit(2);
        }
        Path socket = Path.of(args[0]);
        if (!Files.exists(socket)) {
            System.err.println("vigil ctl: no control socket at " + socket + " (is the daemon running with this state dir?)");
            System.exit(3);
        }
        if (args.length == 1) {
            System.exit(interactive(socket));
        }
        String line = commandLine(Arrays.asList(args).subList(1, args.length));
        try {
            System.exit(run(socket, line, System.out, System.err));
        } catch (IOException e) {
            System.err.println("vigil ctl: " + socket + ": " + e.getMessage());
            System.exit(3);
        }
    }

    /**
     * The arguments as one Gogo command line, joined with spaces as {@code ssh} joins them: one
     * argument may hold a whole line ({@code vigil ctl 'vrrp:list | grep MASTER'}); Gogo's own
     * quoting applies inside it.
     */
    public static String commandLine(List<String> words) {
        return String.join(" ", words);
    }

    /** Runs one command line; its output goes to {@code out} and {@code err}; returns its status. */
    public static int run(Path socket, String line, PrintStream out, PrintStream err) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(StandardCharsets.UTF_8.encode(Protocol.RUN + line.replace('\n', ' ') + "\n"));
            while (true) {
                Protocol.Frame f = Protocol.readFrame(ch);
                switch (f.type()) {
                    case Protocol.OUT -> {
                        out.print(f.text());
                        out.flush();
                    }
                    case Protocol.ERR -> {
                        err.print(f.text());
                        err.flush();
                    }
                    case Protocol.EXIT -> {
                        return f.status();
                    }
                    default -> throw new IOException("unknown frame type " + f.type());
                }
            }
        }
    }

    /** The daemon's command names ({@code scope:function}), for completion. */
    public static List<String> commands(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(StandardCharsets.UTF_8.encode(Protocol.COMMANDS + "\n"));
            List<String> names = new ArrayList<>();
            while (true) {
                Protocol.Frame f = Protocol.readFrame(ch);
                if (f.type() == Protocol.OUT) {
                    for (String n : f.text().split("\n")) {
                        if (!n.isBlank()) {
                            names.add(n.strip());
                        }
                    }
                } else if (f.type() == Protocol.EXIT) {
                    return names;
                }
            }
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int interactive(Path socket) {
        List<String> names = commands(socket);
        System.out.println("Vigil control session on " + socket + "; `help` lists commands, Ctrl-D or `exit` ends.");
        if (System.console() != null) {
            try {
                return JLineConsole.loop(socket, names);
            } catch (LinkageError | Exception noJline) {
                // no JLine on the class path, or no usable terminal: plain lines below
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int last = 0;
        while (true) {
            System.out.print("vigil> ");
            System.out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                return last;
            }
            if (line == null || isExit(line)) {
                return last;
            }
            last = runQuietly(socket, line);
        }
    }

    static boolean isExit(String line) {
        String l = line.strip();
        return l.equals("exit") || l.equals("quit") || l.equals("bye");
    }

    static int runQuietly(Path socket, String line) {
        if (line.isBlank()) {
            return 0;
        }
        try {
            return run(socket, line, System.out, System.err);
        } catch (IOException e) {
            System.err.println("vigil ctl: " + e.getMessage());
            return 3;
        }
    }
}
