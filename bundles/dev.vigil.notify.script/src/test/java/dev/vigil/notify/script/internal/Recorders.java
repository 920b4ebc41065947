package dev.vigil.notify.script.internal;

import dev.vigil.testing.osgi.TestScripts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.script.support.ProcFs;
import dev.vigil.testing.osgi.TypedConfigs;

/** Test helpers: scripts that record what they got, configurations, notifications. */
final class Recorders {

    private Recorders() {
    }

    /** An executable script that appends "TAG $@" to {@code out}, one line per run. */
    static Path recorder(Path dir, String tag, Path out) {
        return TestScripts.script(dir, tag + ".sh", "echo \"" + tag + " $*\" >> " + out);
    }



    /**
     * A configuration as DS gives it: method names as keys; {@code notifyDeleted} absent (null)
     * unless given, as DS returns null for an absent property without default.
     */
    static NotifyScriptConfig config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("vigil_notify_name", "script:instance:VI_1");
        m.put("notifyDeleted", null);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return TypedConfigs.of(NotifyScriptConfig.class, m);
    }

    static Notification instance(String name, NotifyState from, NotifyState to, int priority, long seq) {
        return new Notification(Notification.Scope.INSTANCE, name, from, to, priority, List.of("198.51.100.10/24"),
                "r1", Instant.now(), seq, "test");
    }

    /** An event that changes no state, in state {@code in}. */
    static Notification event(Notification.Event event, String name, NotifyState in, int priority, long seq) {
        return new Notification(event, Notification.Scope.INSTANCE, name, in, in, priority,
                List.of("198.51.100.10/24"), "r1", Instant.now(), seq, "test");
    }

    static Notification group(String name, NotifyState from, NotifyState to, long seq) {
        return new Notification(Notification.Scope.GROUP, name, from, to, 0, List.of(), "r1", Instant.now(), seq, "test");
    }

    static boolean root() {
        return ProcFs.selfIds()[0] == 0;
    }
}
