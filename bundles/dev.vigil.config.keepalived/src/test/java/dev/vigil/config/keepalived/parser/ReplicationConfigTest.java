package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.config.keepalived.model.VrrpInstanceDef;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * src/test/resources/valid/replication.conf makes four instances from one multi-line definition
 * through ~LST and ~SEQ: each must reach the model with its own values and the line of its text.
 */
class ReplicationConfigTest {

    private static Path file() throws URISyntaxException {
        return Path.of(ReplicationConfigTest.class.getResource("/valid/replication.conf").toURI());
    }

    @Test
    void everyReplicatedInstanceReachesTheModelWithItsOwnValues() throws URISyntaxException {
        ParseResult result = KeepalivedParser.parse(file(), Optional.of("lb1"));

        assertThat(result.diagnostics()).as("%s", result.diagnostics()).isEmpty();
        assertThat(result.config().globalDefs().routerId()).contains("lb1");
        String origin = file() + ":10";
        assertThat(result.config().instances()).extracting(VrrpInstanceDef::name, VrrpInstanceDef::interfaceName,
                        VrrpInstanceDef::virtualRouterId, VrrpInstanceDef::priority, i -> i.location().toString())
                .containsExactly(
                        tuple("VI_eth0_10", "eth0", 10, 210, origin),
                        tuple("VI_eth0_11", "eth0", 11, 211, origin),
                        tuple("VI_eth1_10", "eth1", 10, 210, origin),
                        tuple("VI_eth1_11", "eth1", 11, 211, origin));
        VrrpInstanceDef last = result.config().instance("VI_eth1_11").orElseThrow();
        assertThat(last.virtualIpAddresses()).extracting(v -> v.normalized(last.interfaceName()), v -> v.location().line())
                .containsExactly(
                        tuple("198.51.100.11/32 dev eth1", 15), // a one-line value stays on the line using it
                        tuple("198.51.100.100/32 dev eth1", 16),
                        tuple("198.51.100.150/32 dev eth1", 16),
                        tuple("198.51.100.200/32 dev eth1", 16));
    }

    @Test
    void withoutTheConfigIdTheConditionalLineInsideTheDefinitionIsLeftOut() throws URISyntaxException {
        ParseResult result = KeepalivedParser.parse(file(), Optional.of("lb2"));

        assertThat(result.config().globalDefs().routerId()).contains("lb2");
        assertThat(result.config().instances()).extracting(VrrpInstanceDef::priority).containsOnly(100);
    }
}
