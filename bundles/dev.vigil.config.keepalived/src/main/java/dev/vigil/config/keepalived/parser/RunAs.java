package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.parser.Builders.NotifyLine;

import java.util.Map;
import java.util.Optional;

/**
 * The user (and group) a notifier runs its commands as: the line's own {@code USER [GROUP]},
 * else global {@code script_user}; absent = the daemon's default. A group absent with a user
 * means that user's primary group, as in keepalived.
 */
record RunAs(Optional<String> user, Optional<String> group) {

    static RunAs of(NotifyLine line, GlobalDefs globals) {
        return line.user().isPresent() ? new RunAs(line.user(), line.group())
                : new RunAs(globals.scriptUser(), globals.scriptGroup());
    }

    void putInto(Map<String, Object> properties) {
        user.ifPresent(u -> properties.put("user", u));
        group.ifPresent(g -> properties.put("group", g));
    }

    @Override
    public String toString() {
        return user.map(u -> "'" + u + group.map(g -> ":" + g).orElse("") + "'").orElse("the default script user");
    }
}
