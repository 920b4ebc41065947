package dev.vigil.config.keepalived.parser;

import static dev.vigil.config.keepalived.grammar.Rules.flag;
import static dev.vigil.config.keepalived.grammar.Rules.optionalBoolean;
import static dev.vigil.config.keepalived.grammar.Rules.value;
import static dev.vigil.config.keepalived.grammar.Rules.valueBlock;

import dev.vigil.config.keepalived.grammar.BlockGrammar;
import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.parser.Builders.GarpGroup;
import dev.vigil.config.keepalived.parser.Builders.Global;
import dev.vigil.config.keepalived.parser.Builders.Instance;
import dev.vigil.config.keepalived.parser.Builders.ProtocolSwitches;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The keywords of keepalived's protocol switches: {@code vrrp_strict}, {@code vrrp_skip_check_adv_addr},
 * {@code vrrp_garp_interval}... in global_defs and their per-instance forms. {@link ConfigResolver}
 * resolves them per instance (instance, else global, else strict mode's or keepalived's default).
 */
final class ProtocolGrammars {

    /** keepalived's bound for delays kept in its microsecond timer: UINT_MAX / TIMER_HZ. */
    private static final int MAX_DELAY_SECONDS = 4294;
    /** A GARP/NA interval: 1 µs up to what keepalived's unsigned microseconds hold. */
    private static final BigDecimal MIN_INTERVAL = new BigDecimal("0.000001");
    private static final BigDecimal MAX_INTERVAL = new BigDecimal("4294.967295");

    private ProtocolGrammars() {
    }

    /** {@code garp_group { ... }}: the GARP/NA spacing of the instances on its interfaces. */
    static BlockGrammar<GarpGroup> garpGroup() {
        return new BlockGrammar<GarpGroup>("garp_group")
                .add(value("garp_interval", Values.decimal(MIN_INTERVAL, MAX_INTERVAL), (g, v) -> g.garpInterval = v))
                .add(value("gna_interval", Values.decimal(MIN_INTERVAL, MAX_INTERVAL), (g, v) -> g.gnaInterval = v))
                .add(value("interface", Values.interfaceName(), (g, v) -> g.interfaces.add(v)))
                .add(valueBlock("interfaces", (g, line, context) -> {
                    try {
                        Values.interfaceName().parse(line.name());
                        g.interfaces.add(new Located<>(line.name(), line.location()));
                    } catch (InvalidValueException e) {
                        context.error(line.location(), "invalid interface '" + line.name() + "' in garp_group: "
                                + e.getMessage());
                    }
                }));
    }

    static List<KeywordRule<Global>> global() {
        Function<Global, ProtocolSwitches> s = g -> g.switches;
        return List.of(
                optionalBoolean("vrrp_strict", (g, v) -> s.apply(g).strict = v),
                optionalBoolean("vrrp_skip_check_adv_addr", (g, v) -> s.apply(g).skipCheckAdvAddr = v),
                flag("vrrp_check_unicast_src", (g, at) -> s.apply(g).checkUnicastSrc = new Located<>(true, at)),
                optionalBoolean("vrrp_owner_ignore_adverts", (g, v) -> s.apply(g).ownerIgnoreAdverts = v),
                optionalBoolean("vrrp_lower_prio_no_advert", (g, v) -> s.apply(g).lowerPrioNoAdvert = v),
                optionalBoolean("vrrp_higher_prio_send_advert", (g, v) -> s.apply(g).higherPrioSendAdvert = v),
                value("vrrp_garp_lower_prio_delay", Values.integer(0, MAX_DELAY_SECONDS),
                        (g, v) -> s.apply(g).garpLowerPrioDelay = v),
                value("vrrp_garp_lower_prio_repeat", Values.integer(0, Integer.MAX_VALUE),
                        (g, v) -> s.apply(g).garpLowerPrioRepeat = v),
                value("vrrp_down_timer_adverts", Values.integer(1, 100), (g, v) -> s.apply(g).downTimerAdverts = v),
                value("vrrp_garp_interval", Values.decimal(MIN_INTERVAL, MAX_INTERVAL),
                        (g, v) -> s.apply(g).garpInterval = v),
                value("vrrp_gna_interval", Values.decimal(MIN_INTERVAL, MAX_INTERVAL),
                        (g, v) -> s.apply(g).gnaInterval = v),
                optionalBoolean("vrrp_min_garp", ProtocolGrammars::minGarp));
    }

    static List<KeywordRule<Instance>> instance() {
        Function<Instance, ProtocolSwitches> s = i -> i.switches;
        return List.of(
                optionalBoolean("strict_mode", (i, v) -> s.apply(i).strict = v),
                optionalBoolean("skip_check_adv_addr", (i, v) -> s.apply(i).skipCheckAdvAddr = v),
                flag("check_unicast_src", (i, at) -> {
                    i.unicastConfigured = true; // keepalived: a unicast keyword
                    s.apply(i).checkUnicastSrc = new Located<>(true, at);
                }),
                optionalBoolean("owner_ignore_adverts", (i, v) -> s.apply(i).ownerIgnoreAdverts = v),
                optionalBoolean("lower_prio_no_advert", (i, v) -> s.apply(i).lowerPrioNoAdvert = v),
                optionalBoolean("higher_prio_send_advert", (i, v) -> s.apply(i).higherPrioSendAdvert = v),
                value("garp_lower_prio_delay", Values.integer(0, MAX_DELAY_SECONDS),
                        (i, v) -> s.apply(i).garpLowerPrioDelay = v),
                value("garp_lower_prio_repeat", Values.integer(0, Integer.MAX_VALUE),
                        (i, v) -> s.apply(i).garpLowerPrioRepeat = v),
                value("down_timer_adverts", Values.integer(1, 100), (i, v) -> s.apply(i).downTimerAdverts = v),
                flag("accept", (i, at) -> s.apply(i).accept = new Located<>(true, at)),
                flag("no_accept", (i, at) -> s.apply(i).accept = new Located<>(false, at)));
    }

    /**
     * {@code vrrp_min_garp}: one GARP/NA per VIP and no second burst, as keepalived: it changes
     * only the garp_master settings still at their defaults when it is read, so lines after it
     * win. keepalived also zeroes vrrp_garp_master_refresh_repeat, which only matters with a
     * refresh (then it would send nothing); Vigil keeps the refresh repeat.
     */
    private static void minGarp(Global g, Located<Boolean> on) {
        if (!on.value()) {
            return;
        }
        if (g.garpMasterRepeat == null || g.garpMasterRepeat.value() == VrrpInstanceDef.DEFAULT_GARP_MASTER_REPEAT) {
            g.garpMasterRepeat = new Located<>(1, on.location());
        }
        if (g.garpMasterDelay == null || g.garpMasterDelay.value() == VrrpInstanceDef.DEFAULT_GARP_MASTER_DELAY) {
            g.garpMasterDelay = new Located<>(0, on.location());
        }
    }
}
