package dev.vigil.script.support;

import java.util.Optional;

/**
 * Who a script runs as, settled as keepalived settles it: the configured user (script_user),
 * its primary group unless a group is given; with none, {@value #DEFAULT_USER} if that user
 * exists, else the daemon's own user, which enable_script_security does not accept.
 */
public final class ScriptUser {

    public static final String DEFAULT_USER = "keepalived_script";

    /** Exactly one of {@code runAs} and {@code refusal} (why the script cannot run) is set. */
    public record Resolution(ScriptLauncher.RunAs runAs, String refusal) {
    }

    private ScriptUser() {
    }

    /**
     * @param user configured user, null or blank for none
     * @param group configured group, null or blank for the user's primary group
     * @param script the script's command, for the refusal's wording
     */
    public static Resolution resolve(String user, String group, String script, boolean scriptSecurity,
            ScriptLauncher.Tools tools) {
        String u = user == null ? "" : user.trim();
        String g = group == null ? "" : group.trim();
        if (!u.isEmpty()) {
            Optional<Users.Account> account = Users.user(u);
            if (account.isEmpty()) {
                return refused("Invalid user/group for script " + script + ": no user " + u);
            }
            Integer gid = g.isEmpty() ? Integer.valueOf(account.get().gid()) : Users.group(g).orElse(null);
            if (gid == null) {
                return refused("Invalid user/group for script " + script + ": no group " + g);
            }
            return new Resolution(new ScriptLauncher.RunAs(u, account.get().uid(), gid), null);
        }
        Optional<Users.Account> dflt = Users.user(DEFAULT_USER);
        if (dflt.isPresent()) {
            return new Resolution(new ScriptLauncher.RunAs(DEFAULT_USER, dflt.get().uid(), dflt.get().gid()), null);
        }
        if (scriptSecurity) {
            return refused("Unable to set default user " + DEFAULT_USER + " for script (set script_user)");
        }
        return new Resolution(new ScriptLauncher.RunAs(null, tools.uid(), tools.gid()), null);
    }

    private static Resolution refused(String why) {
        return new Resolution(null, why);
    }
}
