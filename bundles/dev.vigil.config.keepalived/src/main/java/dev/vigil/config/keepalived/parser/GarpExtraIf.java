package dev.vigil.config.keepalived.parser;

import java.util.List;
import java.util.Optional;

import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;

/**
 * {@code garp_extra_if [all] SECONDS} (instance) and {@code vrrp_garp_extra_if} (global_defs), with
 * their deprecated names: periodic GARPs/NAs on the interfaces of a MASTER's addresses that send
 * no adverts, on VMACs only unless {@code all}. keepalived's bounds: 0 (off) to one day.
 *
 * @param seconds between two refreshes, 0 for none
 * @param allInterfaces {@code all}: not only VMAC interfaces
 */
record GarpExtraIf(int seconds, boolean allInterfaces) {

    static final GarpExtraIf OFF = new GarpExtraIf(0, false);
    private static final int MAX_SECONDS = 86_400;

    /** The words after the keyword; empty (reported) when they are not keepalived's form. */
    static Optional<GarpExtraIf> parse(Located<List<String>> words, String keyword, String prefix,
            ParseContext context) {
        Integer seconds = null;
        boolean all = false;
        for (String word : words.value()) {
            if (word.equals("all")) {
                all = true;
                continue;
            }
            try {
                seconds = Integer.parseInt(word);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 0 || seconds > MAX_SECONDS) {
                context.error(words.location(), prefix + keyword + " '" + word + "' is not valid: must be 0-"
                        + MAX_SECONDS + " seconds or 'all'");
                return Optional.empty();
            }
        }
        if (seconds == null) {
            context.error(words.location(), prefix + keyword + " needs a time in seconds");
            return Optional.empty();
        }
        return Optional.of(new GarpExtraIf(seconds, all));
    }
}
