package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.ProtocolOptions;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.parser.Builders.GarpGroup;
import dev.vigil.config.keepalived.parser.Builders.Global;
import dev.vigil.config.keepalived.parser.Builders.Instance;
import dev.vigil.config.keepalived.parser.Builders.ProtocolSwitches;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

/**
 * Resolves keepalived's protocol switches as its {@code vrrp_complete_instance()} does: the
 * instance's keyword, else strict mode's value, else global_defs'; and makes strict mode's checks.
 * Where keepalived reports a config error for strict mode and resets the value, Vigil reports an
 * error (keepalived's {@code -t} fails on them too).
 */
final class ProtocolResolver {

    private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000);

    private final ParseContext context;

    ProtocolResolver(ParseContext context) {
        this.context = context;
    }

    /** global_defs' switches with keepalived's defaults; the garp_lower_prio ones default to the garp_master ones. */
    ProtocolOptions globalDefaults(Global g, int garpMasterDelay, int garpMasterRepeat) {
        ProtocolSwitches s = g.switches;
        return new ProtocolOptions(is(s.strict), is(s.skipCheckAdvAddr), is(s.checkUnicastSrc),
                is(s.ownerIgnoreAdverts), is(s.lowerPrioNoAdvert), is(s.higherPrioSendAdvert),
                value(s.garpLowerPrioDelay).orElse(garpMasterDelay), value(s.garpLowerPrioRepeat).orElse(garpMasterRepeat),
                value(s.downTimerAdverts).orElse(ProtocolOptions.DEFAULT_DOWN_TIMER_ADVERTS),
                micros(s.garpInterval, "vrrp_garp_interval"), micros(s.gnaInterval, "vrrp_gna_interval"));
    }

    /**
     * The GARP/NA spacing of each interface named by a garp_group, in microseconds ({garp, gna});
     * an interface in two groups keeps the first (warned). A group without interfaces is warned about.
     */
    java.util.Map<String, int[]> garpGroups(List<GarpGroup> groups, ProtocolOptions global) {
        java.util.Map<String, int[]> byInterface = new java.util.LinkedHashMap<>();
        java.util.Map<String, SourceLocation> firstAt = new java.util.HashMap<>();
        for (GarpGroup g : groups) {
            if (g.interfaces.isEmpty()) {
                context.warning(g.location, "garp_group has no interface; ignored");
                continue;
            }
            int[] intervals = {g.garpInterval == null ? global.garpIntervalMicros() : micros(g.garpInterval, "garp_interval"),
                    g.gnaInterval == null ? global.gnaIntervalMicros() : micros(g.gnaInterval, "gna_interval")};
            for (Located<String> iface : g.interfaces) {
                SourceLocation earlier = firstAt.putIfAbsent(iface.value(), iface.location());
                if (earlier != null) {
                    context.warning(iface.location(), "interface " + iface.value() + " is already in the garp_group at line "
                            + earlier.line() + "; this one is ignored");
                    continue;
                }
                byInterface.put(iface.value(), intervals);
            }
        }
        return byInterface;
    }

    /** Whether the instance runs in strict mode: its strict_mode, else vrrp_strict. */
    static boolean strict(Instance b, ProtocolOptions global) {
        return b.switches.strict != null ? b.switches.strict.value() : global.strictMode();
    }

    /**
     * The instance's switches; with strict mode, keepalived's checks: errors for what contradicts
     * it. {@code at} is the vrrp_instance line, {@code prefix} the message prefix.
     */
    ProtocolOptions instance(Instance b, ProtocolOptions global, int priority, int version, AddressFamily family,
                             SourceLocation at, String prefix) {
        ProtocolSwitches s = b.switches;
        boolean strict = strict(b, global);
        boolean owner = priority == VrrpInstanceDef.OWNER_PRIORITY;
        if (strict) {
            checkStrict(b, priority, family, prefix);
        }
        if (strict && s.garpLowerPrioRepeat != null && s.garpLowerPrioRepeat.value() > 0) {
            context.error(s.garpLowerPrioRepeat.location(), prefix + "strict mode requires no repeat garps "
                    + "(garp_lower_prio_repeat 0)");
        }
        if (strict && s.garpLowerPrioDelay != null && s.garpLowerPrioDelay.value() > 0) {
            context.error(s.garpLowerPrioDelay.location(), prefix + "strict mode requires no repeat garp delay "
                    + "(garp_lower_prio_delay 0)");
        }
        if (strict && s.lowerPrioNoAdvert != null && !s.lowerPrioNoAdvert.value()) {
            context.error(s.lowerPrioNoAdvert.location(), prefix + "strict mode requires lower_prio_no_advert");
        }
        if (strict && s.higherPrioSendAdvert != null && s.higherPrioSendAdvert.value()) {
            context.error(s.higherPrioSendAdvert.location(), prefix
                    + "strict mode requires higher_prio_send_advert to be clear");
        }
        int downTimerAdverts = value(s.downTimerAdverts).orElse(global.downTimerAdverts());
        if (strict && downTimerAdverts != ProtocolOptions.DEFAULT_DOWN_TIMER_ADVERTS) {
            context.error(s.downTimerAdverts != null ? s.downTimerAdverts.location() : at, prefix + "down_timer_adverts "
                    + downTimerAdverts + (s.downTimerAdverts != null ? "" : " (global vrrp_down_timer_adverts)")
                    + " is incompatible with strict mode");
        }
        boolean ownerIgnores = false;
        if (!owner) {
            if (s.ownerIgnoreAdverts != null && s.ownerIgnoreAdverts.value()) {
                context.warning(s.ownerIgnoreAdverts.location(), prefix
                        + "ignoring owner_ignore_adverts since priority is not 255");
            }
        } else if (s.ownerIgnoreAdverts != null) {
            ownerIgnores = s.ownerIgnoreAdverts.value();
            if (strict && !ownerIgnores) {
                context.error(s.ownerIgnoreAdverts.location(), prefix
                        + "strict mode with priority 255 requires owner_ignore_adverts");
            }
        } else {
            ownerIgnores = strict || global.ownerIgnoresAdverts();
        }
        return new ProtocolOptions(strict,
                s.skipCheckAdvAddr != null ? s.skipCheckAdvAddr.value() : global.skipCheckAdvertAddresses(),
                is(s.checkUnicastSrc) || global.checkUnicastSource(),
                ownerIgnores,
                s.lowerPrioNoAdvert != null ? s.lowerPrioNoAdvert.value() : strict || global.lowerPriorityNoAdvert(),
                s.higherPrioSendAdvert != null ? s.higherPrioSendAdvert.value()
                        : !strict && global.higherPrioritySendAdvert(),
                value(s.garpLowerPrioDelay).orElse(strict ? 0 : global.garpLowerPriorityDelaySeconds()),
                value(s.garpLowerPrioRepeat).orElse(strict ? 0 : global.garpLowerPriorityRepeat()),
                downTimerAdverts, global.garpIntervalMicros(), global.gnaIntervalMicros());
    }

    /** keepalived's strict checks of what the instance is (its switches are checked by the caller). */
    private void checkStrict(Instance b, int priority, AddressFamily family, String prefix) {
        boolean owner = priority == VrrpInstanceDef.OWNER_PRIORITY;
        if (b.state != null && b.state.value().equals("MASTER") != owner) {
            context.error(b.state.location(), prefix + "strict mode: state MASTER must match being address owner "
                    + "(priority 255)");
        }
        if (b.authentication != null) {
            context.error(b.authentication.location, prefix + "strict mode does not support authentication");
        }
        if (!b.unicastPeers.isEmpty()) {
            context.error(b.unicastPeers.get(0).location(), prefix + "unicast peers are not supported in strict mode");
        }
        if (b.preemptDelay != null && b.preemptDelay.value().signum() > 0) {
            context.error(b.preemptDelay.location(), prefix + "preempt_delay is incompatible with strict mode");
        }
        if (family == AddressFamily.IPV6 && b.unicastPeers.isEmpty() && !b.vips.isEmpty()) {
            VipDef first = b.vips.get(0);
            if (Values.parseAddress(first.address()).filter(a -> a instanceof Inet6Address v6
                    && !v6.isLinkLocalAddress()).isPresent()) {
                context.error(first.location(), prefix + "strict mode: the first IPv6 VIP address must be link local");
            }
        }
    }

    /**
     * keepalived's accept mode: off with {@code no_accept}, and by default in strict mode. Then the
     * firewall drops traffic to the VIPs while MASTER, except for the address owner (the engine
     * checks that, so that a reload to or from priority 255 needs no new property). An explicit
     * accept with VRRPv2 in strict mode is keepalived's config error.
     *
     * @return whether the instance runs in no_accept mode
     */
    boolean noAccept(Instance b, boolean strict, boolean owner, int version, String prefix) {
        Located<Boolean> accept = b.switches.accept;
        if (!owner && accept != null && accept.value() && strict && version == 2) {
            context.error(accept.location(), prefix + "accept mode for VRRP version 2 does not comply with RFC 3768 "
                    + "(strict mode)");
        }
        return accept != null ? !accept.value() : strict;
    }

    /** An interval in keepalived's microseconds; 1 s or more is logged as very large, as keepalived does. */
    private int micros(Located<BigDecimal> seconds, String keyword) {
        if (seconds == null) {
            return 0;
        }
        BigDecimal micros = seconds.value().multiply(MICROS_PER_SECOND);
        BigDecimal rounded = micros.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
        if (micros.compareTo(rounded) != 0) {
            context.warning(seconds.location(), keyword + " " + seconds.value().toPlainString()
                    + " is finer than 1 microsecond; rounded to " + rounded.movePointLeft(6).toPlainString());
        }
        if (seconds.value().compareTo(BigDecimal.ONE) >= 0) {
            context.warning(seconds.location(), "The " + keyword + " is very large - "
                    + seconds.value().toPlainString() + " seconds");
        }
        return rounded.intValueExact();
    }

    private static boolean is(Located<Boolean> flag) {
        return flag != null && flag.value();
    }

    private static <T> Optional<T> value(Located<T> located) {
        return located == null ? Optional.empty() : Optional.of(located.value());
    }
}
