package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.vrrp.engine.MasterExtras;

/**
 * {@code excludedIpAddresses}, {@code virtualRoutes} and {@code virtualRules} → engine extras.
 * Throws IllegalArgumentException naming the property and the entry at fault, as SettingsMapper.
 */
final class MasterExtrasMapper {

    private MasterExtrasMapper() {
    }

    static MasterExtras toExtras(InstanceConfig c) {
        List<VirtualAddress> excluded = new ArrayList<>();
        String device = VirtualMacPlan.of(c).vipDevice(c.interfaceName()); // on the VMAC too, as keepalived
        for (String line : c.excludedIpAddresses()) {
            excluded.add(SettingsMapper.parseVip(line, device));
        }
        return new MasterExtras(excluded, parseAll(c.virtualRoutes(), "virtualRoutes", VirtualRoute::parse),
                parseAll(c.virtualRules(), "virtualRules", VirtualRule::parse));
    }

    static <T> List<T> parseAll(String[] lines, String property, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String line : lines) {
            try {
                out.add(parser.apply(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + " '" + line + "': " + e.getMessage(), e);
            }
        }
        return out;
    }
}
