package dev.vigil.shell.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.vigil.api.dataplane.VirtualAddress;

/** Reads the virtual address strings of {@code VrrpRouter.virtualAddresses()}. */
final class Vips {

    private Vips() {
    }

    /**
     * {@code ADDR[/LEN] [dev IF] [label L]} → a {@link VirtualAddress}; the device defaults to
     * the instance's interface, the length to the full address (keepalived's default).
     */
    static VirtualAddress parse(String text, String defaultDevice) {
        String[] words = text.trim().split("\\s+");
        String device = defaultDevice;
        String label = null;
        for (int i = 1; i + 1 < words.length; i += 2) {
            switch (words[i]) {
                case "dev" -> device = words[i + 1];
                case "label" -> label = words[i + 1];
                default -> {
                    // other keepalived options (scope, brd, ...) do not change where the address lives
                }
            }
        }
        String addr = words[0];
        int slash = addr.indexOf('/');
        String host = slash < 0 ? addr : addr.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an address literal: " + host);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
        int len = slash < 0 ? (address.getAddress().length * 8) : Integer.parseInt(addr.substring(slash + 1));
        return new VirtualAddress(address, len, device, label);
    }

    /** {@code ADDR/LEN}, the way {@code ip addr} shows it. */
    static String cidr(VirtualAddress vip) {
        return vip.address().getHostAddress() + "/" + vip.prefixLength();
    }
}
