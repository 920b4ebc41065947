package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.Optional;

/**
 * One {@code virtual_ipaddress} line: {@code ADDR[/LEN] [dev IF] [label L] [options]}.
 *
 * @param address the address in canonical text form
 * @param prefixLength the prefix, 32 or 128 when the line gives none
 * @param device the {@code dev}, empty when the instance's interface applies
 * @param options the address options, normalised ({@code AddressOptions} text: " brd B scope link
 *                noprefixroute"...), empty for none
 * @param useVmac keepalived's {@code use_vmac} option: the address goes on an extra VMAC on its
 *                interface (the instance resolves where); once placed, {@code device} names it
 */
public record VipDef(String address, AddressFamily family, int prefixLength, Optional<String> device,
                     Optional<String> label, SourceLocation location, String options, boolean useVmac) {

    /** The same line on {@code device} (an extra VMAC). */
    public VipDef on(String newDevice) {
        return new VipDef(address, family, prefixLength, Optional.of(newDevice), label, location, options, useVmac);
    }

    /** {@code ADDR/LEN dev IF[ label L][ options]}, with the instance's interface when no {@code dev} was given. */
    public String normalized(String instanceInterface) {
        return address + "/" + prefixLength + " dev " + device.orElse(instanceInterface)
                + label.map(l -> " label " + l).orElse("") + options;
    }
}
