package dev.vigil.config.keepalived.cm;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** keepalived.conf fragments for the mapper tests, as lines. */
final class ConfText {

    private ConfText() {
    }

    /** A minimal valid vrrp_instance (5 lines plus {@code body}) with VIP 198.51.100.VRID. */
    static String[] instance(String name, int vrid, String... body) {
        List<String> lines = new ArrayList<>(List.of("vrrp_instance " + name + " {", "    interface eth0",
                "    virtual_router_id " + vrid, "    virtual_ipaddress { 198.51.100." + vrid + " }"));
        lines.addAll(List.of(body));
        lines.add("}");
        return lines.toArray(String[]::new);
    }

    static String[] lines(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }
}
