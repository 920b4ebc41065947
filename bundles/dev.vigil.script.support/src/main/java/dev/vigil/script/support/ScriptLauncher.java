package dev.vigil.script.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a script's argv into the command that runs it, with keepalived's checks
 * ({@code check_script_secure()} in keepalived/core/notify.c), and starts it.
 *
 * <p>A bare name is looked up in PATH (a regular file executable by the user the script runs
 * as). The script must be executable by that user. When it runs as root (uid or gid 0, or the
 * file is setuid/setgid root) every component of its path, and of the path it resolves to, must
 * be owned by root and not writable by group (unless the group is root) or others, a directory
 * with the sticky bit excepted; with {@code enable_script_security} a script failing that is
 * refused, without it the script runs and the problem is logged, as keepalived does. Unlike
 * keepalived, a root-owned symbolic link in the middle of the path (merged /usr: {@code /bin})
 * is accepted: the directory it points to is checked as part of the resolved path.
 *
 * <p>The command is {@code setsid} (a new session and process group, so a timeout can end the
 * script and everything it started), then {@code setpriv} to change user and group when the
 * script runs as someone else and to set the parent-death signal (keepalived's
 * {@code PR_SET_PDEATHSIG}), then the script. Output goes to /dev/null, as keepalived's does:
 * no pipe, so a chatty script never blocks. IFS, LD_PRELOAD and LD_LIBRARY_PATH are removed
 * from its environment.
 */
public final class ScriptLauncher {

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The helpers found on this host and who we are. {@code setsid}/{@code setpriv} null when absent. */
    public record Tools(String setsid, String setpriv, boolean pdeathsig, int uid, int gid) {
        public static Tools detect() {
            String setsid = onPath("setsid");
            String setpriv = onPath("setpriv");
            boolean pdeathsig = setpriv != null && setprivKnows(setpriv, "--pdeathsig");
            int[] ids = ProcFs.selfIds();
            return new Tools(setsid, setpriv, pdeathsig, ids[0], ids[1]);
        }
    }

    /** Who a script runs as. */
    public record RunAs(String user, int uid, int gid) {
    }

    public sealed interface Prepared permits Command, Refused {
    }

    /**
     * @param resolved the executable run (a bare name after the PATH search)
     * @param warning a problem that does not stop the script (unsafe permissions without
     *                enable_script_security), or null
     */
    public record Command(List<String> command, String resolved, String warning) implements Prepared {
    }

    /** Why the script is not run; it counts as failed. */
    public record Refused(String reason) implements Prepared {
    }

    private final Tools tools;

    public ScriptLauncher(Tools tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    public Tools tools() {
        return tools;
    }

    /** Checks the script and builds its command line; cheap enough to do before every run. */
    public Prepared prepare(List<String> argv, RunAs runAs, boolean scriptSecurity) {
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            return new Refused("no script command");
        }
        String file = argv.get(0);
        String path;
        if (file.indexOf('/') < 0) {
            path = searchPath(file, runAs);
            if (path == null) {
                return new Refused("Cannot find script " + file + " in path");
            }
            if (path.startsWith("EACCES:")) {
                return new Refused("Permissions failure for script " + file + " in path");
            }
        } else {
            path = file;
        }
        Path real;
        try {
            real = Path.of(path).toRealPath();
        } catch (IOException | RuntimeException e) {
            return new Refused("Script " + file + " cannot be accessed - " + describe(e));
        }
        Map<String, Object> st;
        try {
            st = Files.readAttributes(real, "unix:mode,uid,gid");
        } catch (IOException | RuntimeException e) {
            return new Refused("Unable to access script `" + file + "`: " + describe(e));
        }
        int mode = (Integer) st.get("mode");
        int owner = (Integer) st.get("uid");
        int group = (Integer) st.get("gid");
        if ((mode & S_IFMT) != S_IFREG) {
            return new Refused("script '" + file + "' is not a regular file");
        }
        if (!executable(mode, owner, group, runAs.uid(), runAs.gid())) {
            return new Refused("script '" + file + "' is not executable for uid:gid " + runAs.uid() + ":" + runAs.gid());
        }
        String warning = null;
        boolean needProtection = runAs.uid() == 0 || runAs.gid() == 0
                || (owner == 0 && (mode & 0100) != 0 && (mode & S_ISUID) != 0)
                || (group == 0 && (mode & 0010) != 0 && (mode & S_ISGID) != 0);
        if (needProtection) {
            String written = Path.of(path).toAbsolutePath().normalize().toString();
            String problem = unsafe(written);
            if (problem == null && !real.toString().equals(written)) {
                problem = unsafe(real.toString());
            }
            if (problem != null) {
                if (scriptSecurity) {
                    return new Refused(problem + " - refusing to run it as root (enable_script_security)");
                }
                warning = problem;
            }
        }
        List<String> command = new ArrayList<>();
        if (tools.setsid() != null) {
            command.add(tools.setsid());
        }
        boolean switchUser = runAs.uid() != tools.uid() || runAs.gid() != tools.gid();
        if (switchUser) {
            if (tools.setpriv() == null) {
                return new Refused("cannot run as " + runAs.user() + ": setpriv (util-linux) is not installed");
            }
            if (tools.uid() != 0) {
                return new Refused("cannot run as " + runAs.user() + ": Vigil is not running as root");
            }
            command.add(tools.setpriv());
            command.add("--reuid=" + runAs.uid());
            command.add("--regid=" + runAs.gid());
            command.add(runAs.user() != null ? "--init-groups" : "--clear-groups");
            if (tools.pdeathsig()) {
                command.add("--pdeathsig=TERM");
            }
        } else if (tools.setpriv() != null && tools.pdeathsig()) {
            command.add(tools.setpriv());
            command.add("--pdeathsig=TERM");
        }
        command.add(path);
        command.addAll(argv.subList(1, argv.size()));
        return new Command(List.copyOf(command), path, warning);
    }

    /** Starts a prepared command: stdin and output /dev/null, the loader overrides dropped. */
    public Process start(Command c) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(c.command())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.remove("IFS");
        env.remove("LD_PRELOAD");
        env.remove("LD_LIBRARY_PATH");
        return pb.start();
    }

    /** keepalived's {@code is_executable()}: root needs any x bit; others the bit of their class. */
    static boolean executable(int mode, int owner, int group, int uid, int gid) {
        return (uid == 0 && (mode & 0111) != 0)
                || (uid == owner && (mode & 0100) != 0)
                || (uid != owner && ((gid == group && (mode & 0010) != 0) || (gid != group && (mode & 0001) != 0)));
    }

    /**
     * keepalived's {@code check_security()} on every component of {@code path}, from "/": the
     * first problem in keepalived's words, or null when the path is safe.
     */
    static String unsafe(String path) {
        List<String> prefixes = new ArrayList<>();
        prefixes.add("/");
        int from = 1;
        while (from <= path.length()) {
            int slash = path.indexOf('/', from);
            String prefix = slash < 0 ? path : path.substring(0, slash);
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefixes.add(prefix);
            }
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        for (int i = 0; i < prefixes.size(); i++) {
            boolean last = i == prefixes.size() - 1;
            Map<String, Object> st;
            try {
                st = Files.readAttributes(Path.of(prefixes.get(i)), "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | RuntimeException e) {
                return "could not find script '" + path + "'";
            }
            int mode = (Integer) st.get("mode");
            int owner = (Integer) st.get("uid");
            int group = (Integer) st.get("gid");
            int type = mode & S_IFMT;
            boolean dir = type == S_IFDIR;
            boolean reg = type == S_IFREG;
            boolean link = type == S_IFLNK;
            if (last ? !(reg || link) : !(dir || link)) {
                return "Wrong file type found in script path '" + path + "'";
            }
            if (owner != 0 || (((dir && (mode & S_ISVTX) == 0) || reg)
                    && ((group != 0 && (mode & 0020) != 0) || (mode & 0002) != 0))) {
                return "Unsafe permissions found for script '" + path + "' (" + prefixes.get(i) + ")";
            }
        }
        return null;
    }

    /**
     * glibc's execvpe search as keepalived's {@code find_path()}: the first regular file the
     * user may execute; "EACCES:" when one was found but not executable, null when none.
     */
    static String searchPath(String file, RunAs runAs) {
        String pathVar = System.getenv("PATH");
        boolean denied = false;
        for (String dir : (pathVar == null || pathVar.isEmpty() ? DEFAULT_PATH : pathVar).split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, file);
            try {
                Map<String, Object> st = Files.readAttributes(candidate, "unix:mode,uid,gid");
                int mode = (Integer) st.get("mode");
                if ((mode & S_IFMT) == S_IFREG
                        && executable(mode, (Integer) st.get("uid"), (Integer) st.get("gid"), runAs.uid(), runAs.gid())) {
                    return candidate.toString();
                }
                denied = true;
            } catch (IOException | RuntimeException e) {
                // not there: next directory
            }
        }
        return denied ? "EACCES:" + file : null;
    }

    static String onPath(String tool) {
        String pathVar = System.getenv("PATH");
        for (String dir : (pathVar == null || pathVar.isEmpty() ? DEFAULT_PATH : pathVar + ":" + DEFAULT_PATH).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static boolean setprivKnows(String setpriv, String option) {
        try {
            Process p = new ProcessBuilder(setpriv, "--help").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor();
            return new String(out, java.nio.charset.StandardCharsets.UTF_8).contains(option);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
