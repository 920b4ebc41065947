package dev.vigil.config.keepalived.parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.BlockGrammar;
import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Rules;
import dev.vigil.config.keepalived.model.StaticDef;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.parser.Builders.Config;
import dev.vigil.config.keepalived.parser.Builders.Instance;
import dev.vigil.config.keepalived.parser.Builders.StaticTrack;
import dev.vigil.config.keepalived.parser.Builders.TrackGroup;

/**
 * keepalived's static track groups: {@code track_group NAME { group { VI_1 VI_2 } }} and the
 * {@code track_group NAME} option of static_ipaddress, static_routes and static_rules lines. As
 * in keepalived (vrrp_static_track.c), the group's instances track the interface of each static
 * entry that names the group, going to FAULT while it is down; Vigil writes that as a
 * {@code track_interface} of weight 0 on each member. A deleted static entry is restored by the
 * VRRP bundle either way.
 */
final class TrackGroups {

    static final String KEYWORD = "track_group";

    private TrackGroups() {
    }

    /** The block's grammar: one {@code group} list; keepalived refuses a second one. */
    static BlockGrammar<TrackGroup> grammar() {
        KeywordRule<TrackGroup> lines = Rules.valueBlock("group", (g, line, context) -> {
            g.members.add(new Located<>(line.name(), line.location()));
            for (var word : line.arguments()) {
                g.members.add(new Located<>(word.text(), line.location()));
            }
        });
        return new BlockGrammar<TrackGroup>(KEYWORD).add(new KeywordRule<>() {
            @Override
            public String keyword() {
                return lines.keyword();
            }

            @Override
            public void apply(Statement statement, TrackGroup group, ParseContext context) {
                if (group.groupAt != null) {
                    context.error(statement.location(), "Group list already specified for track group "
                            + group.name.value() + "; this one is ignored");
                    return;
                }
                group.groupAt = statement.location();
                lines.apply(statement, group, context);
            }
        });
    }

    /**
     * Takes {@code track_group NAME} out of a static line's words. The group must be defined
     * above the line, as keepalived looks it up while reading.
     *
     * @return the group's name; empty when the line names none or names one wrongly (reported)
     */
    static Optional<String> take(List<String> words, String block, SourceLocation at, Config config,
            ParseContext context) {
        String found = null;
        for (int i = 0; i < words.size(); i++) {
            if (!words.get(i).equals(KEYWORD)) {
                continue;
            }
            if (i + 1 >= words.size()) {
                context.error(at, block + ": no track_group parameter specified");
                words.remove(i);
                return Optional.empty();
            }
            String name = words.remove(i + 1);
            words.remove(i--);
            if (found != null) {
                context.error(at, block + ": track_group " + name + " is a duplicate");
            } else if (config.trackGroups.stream().noneMatch(g -> g.name.value().equals(name))) {
                context.error(at, block + ": track_group " + name + " not found (a track_group block must come "
                        + "before the lines that name it)");
                found = "";
            } else {
                found = name;
            }
        }
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    /**
     * Notes the interface the group's instances track for a static entry just read, as
     * keepalived's static_track_group_init().
     */
    static void track(String group, StaticDef entry, boolean noTrack, Config config, ParseContext context) {
        String kind = entry.block().equals("static_ipaddress") ? "address"
                : entry.block().equals("static_routes") ? "route" : "rule";
        if (noTrack) {
            context.warning(entry.location(), "Static " + kind + " has both track_group and no_track set - not "
                    + "tracking");
            return;
        }
        String device = switch (kind) {
            case "address" -> deviceOfAddress(entry.text());
            case "route" -> VirtualRoute.parse(entry.text()).device();
            default -> VirtualRule.parse(entry.text()).inputInterface();
        };
        if (device == null) {
            if (kind.equals("route")) {
                context.error(entry.location(), "Static route cannot have track_group if interface not specified");
            } else {
                context.warning(entry.location(), "static rule with track_group " + group + " has no iif: there is "
                        + "no interface for the group's instances to track");
            }
            return;
        }
        config.staticTracks.add(new StaticTrack(group, device, entry.location()));
    }

    private static String deviceOfAddress(String normalised) {
        List<String> words = List.of(normalised.split("\\s+"));
        int dev = words.indexOf("dev");
        return dev < 0 || dev + 1 >= words.size() ? null : words.get(dev + 1);
    }

    /**
     * Checks the groups (duplicates and members, with keepalived's words) and gives each member
     * instance a {@code track_interface IF weight 0} for every tracked static entry of its group,
     * unless it tracks that interface already (or it is its own).
     */
    static void apply(Config config, ParseContext context) {
        Map<String, Instance> instances = new HashMap<>();
        config.instances.forEach(i -> instances.putIfAbsent(i.name.value(), i));
        Map<String, List<Instance>> members = new HashMap<>();
        for (TrackGroup g : config.trackGroups) {
            String name = g.name.value();
            if (members.containsKey(name)) {
                context.error(g.name.location(), "track_group " + name + " already defined");
                continue;
            }
            if (g.members.isEmpty()) {
                context.error(g.name.location(), "Static track group " + name + " has no members - removing");
                members.put(name, List.of());
                continue;
            }
            List<Instance> found = new ArrayList<>();
            for (Located<String> member : g.members) {
                Instance instance = instances.get(member.value());
                if (instance == null) {
                    context.warning(member.location(), "vrrp instance " + member.value() + " specified in track group "
                            + name + " doesn't exist - ignoring");
                } else {
                    found.add(instance);
                }
            }
            if (found.isEmpty()) {
                context.warning(g.name.location(), "Static track group " + name + " has no VRRP instance(s)");
            }
            members.put(name, found);
        }
        for (StaticTrack t : config.staticTracks) {
            for (Instance instance : members.getOrDefault(t.group(), List.of())) {
                addInterface(instance, t);
            }
        }
    }

    private static void addInterface(Instance instance, StaticTrack t) {
        boolean own = instance.interfaceName != null && instance.interfaceName.value().equals(t.interfaceName());
        Set<String> tracked = new HashSet<>();
        instance.trackInterfaces.forEach(r -> tracked.add(r.name()));
        if (!own && !tracked.contains(t.interfaceName())) {
            instance.trackInterfaces.add(new TrackRef("track_interface", t.interfaceName(), Optional.of(0), false,
                    t.location()));
        }
    }
}
