package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** global_defs' nftables keywords on {@code vigil.firewall.nftables~default}; the iptables ones warned about. */
class FirewallMappingTest {

    private static final String PID = "vigil.firewall.nftables~default";
    private final FakeConfigurationStore store = new FakeConfigurationStore();

    private ParseResult apply(String... lines) throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines));
        if (result.valid()) {
            new ConfigAdminMapper(store).apply(result.config());
        }
        return result;
    }

    @Test
    void everyNftablesKeywordIsWrittenExactly() throws IOException {
        ParseResult result = apply(lines(new String[] {"global_defs {", "    nftables vigil_fw", "    nftables_priority -5",
                "    nftables_counters", "    nftables_ifindex", "}"}, instance("VI_1", 1)));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(store.propertiesOf(PID)).containsExactly(entry("table", "vigil_fw"), entry("priority", -5),
                entry("counters", true), entry("ifindex", true), entry("vigil.config.origin", "t.conf:2"));
    }

    @Test
    void nftablesWithoutATableUsesKeepalivedsName() throws IOException {
        apply(lines(new String[] {"global_defs {", "    nftables_counters", "    nftables", "}"}, instance("VI_1", 1)));

        assertThat(store.propertiesOf(PID)).containsExactly(entry("table", "keepalived"), entry("priority", -1),
                entry("counters", true), entry("ifindex", true), entry("vigil.config.origin", "t.conf:3"));
    }

    @Test
    void aTableNameNftWouldNeedQuotedIsAnError() throws IOException {
        ParseResult result = apply(lines(new String[] {"global_defs {", "    nftables \"my table\"", "}"},
                instance("VI_1", 1)));

        assertThat(result.errors()).map(Object::toString).containsExactly("t.conf:2: error: nftables table name "
                + "'my table' is invalid (a letter, then up to 63 letters, digits, '_', '.' or '-')");
    }

    @Test
    void iptablesKeywordsAreWarnedAboutAndNftablesIsUsed() throws IOException {
        ParseResult result = apply(lines(new String[] {"global_defs {", "    vrrp_iptables keepalived_in",
                "    vrrp_ipsets keepalived", "}"}, instance("VI_1", 1, "    no_accept")));

        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "t.conf:2: warning: vrrp_iptables: Vigil makes the no_accept drop rules with nftables only "
                        + "(see 'nftables'); the iptables chains are not used",
                "t.conf:3: warning: vrrp_ipsets: Vigil makes the no_accept drop rules with nftables only "
                        + "(see 'nftables'); no ipsets are made");
        assertThat(store.propertiesOf(PID)).containsEntry("table", "keepalived")
                .containsEntry("vigil.config.origin", "t.conf:5");
        assertThat(store.propertiesOf("vigil.instance~VI_1")).containsEntry("noAccept", true);
    }

    @Test
    void theFirewallConfigurationLeavesWithTheLastNoAcceptInstance() throws IOException {
        apply(instance("VI_1", 1, "    no_accept"));
        assertThat(store.configurations).containsKey(PID);

        apply(instance("VI_1", 1));
        assertThat(store.configurations).doesNotContainKey(PID);
    }
}
