package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** A VIP's {@code peer} travels in the address text, the prefix length being the peer's. */
class VipPeerMappingTest {

    private final FakeConfigurationStore store = new FakeConfigurationStore();

    @Test
    void thePeerIsWrittenAfterTheLabelWithThePeersPrefix() throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", instance("VI_1", 51,
                "    virtual_ipaddress_excluded {", "        198.51.100.5 peer 198.51.100.6/32 dev eth0 label eth0:p",
                "        2001:db8::5 peer 2001:db8::6/64", "    }")));
        assertThat(result.valid()).as("%s", result.diagnostics()).isTrue();
        new ConfigAdminMapper(store).apply(result.config());

        assertThat(store.propertiesOf("vigil.instance~VI_1"))
                .containsEntry("virtualIpAddresses", new String[] {"198.51.100.51/32 dev eth0"})
                .containsEntry("excludedIpAddresses", new String[] {
                        "198.51.100.5/32 dev eth0 label eth0:p peer 198.51.100.6", "2001:db8::5/64 dev eth0 peer 2001:db8::6"});
    }
}
