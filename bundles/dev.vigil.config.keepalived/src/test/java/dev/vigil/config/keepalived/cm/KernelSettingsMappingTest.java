package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** unicast_ttl, kernel_rx_buf_size and promote_secondaries on {@code vigil.instance~NAME}: written only when set. */
class KernelSettingsMappingTest extends MappingTestSupport {

    private static final String[] UNICAST = {"    unicast_src_ip 198.51.100.1", "    unicast_peer { 198.51.100.2 }"};

    private static String[] unicastInstance(String... body) {
        return instance("VI_1", 51, ConfText.lines(UNICAST, body));
    }

    @Test
    void withoutTheKeywordsThereAreNoProperties() throws IOException {
        apply(unicastInstance());

        assertThat(properties("VI_1")).doesNotContainKeys("unicastTtl", "receiveBufferBytes", "promoteSecondaries");
    }

    @Test
    void unicastTtlIsWrittenAsGiven() throws IOException {
        ParseResult result = apply(unicastInstance("    unicast_ttl 64"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).containsEntry("unicastTtl", 64);
    }

    @Test
    void unicastTtl255IsTheDefaultAndNotWritten() throws IOException {
        apply(unicastInstance("    unicast_ttl 255"));

        assertThat(properties("VI_1")).doesNotContainKey("unicastTtl");
    }

    @Test
    void unicastTtlWithoutPeersIsResetAsKeepalivedDoes() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    unicast_ttl 64"));

        assertThat(warnings(result)).containsExactly(
                "t.conf:5: warning: vrrp_instance VI_1: Cannot use unicast_ttl without unicast peers - resetting");
        assertThat(properties("VI_1")).doesNotContainKey("unicastTtl");
    }

    @Test
    void anIpv4UnicastTtlOfZeroBecomesOne() throws IOException {
        ParseResult result = apply(unicastInstance("    unicast_ttl 0"));

        assertThat(warnings(result)).containsExactly("t.conf:7: warning: vrrp_instance VI_1: unicast_ttl 0 cannot be "
                + "set on an IPv4 socket; using 1");
        assertThat(properties("VI_1")).containsEntry("unicastTtl", 1);
    }

    @Test
    void promoteSecondariesIsAFlag() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    promote_secondaries"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).containsEntry("promoteSecondaries", true);
    }

    @Test
    void promoteSecondariesWithAVmacIsIgnoredAsKeepalivedDoes() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    use_vmac", "    promote_secondaries"));

        assertThat(warnings(result)).containsExactly("t.conf:6: warning: vrrp_instance VI_1: promote_secondaries is "
                + "automatically set for vmacs - ignoring");
        assertThat(properties("VI_1")).doesNotContainKey("promoteSecondaries").containsEntry("vmacInterface", "vrrp.51");
    }

    @Test
    void kernelRxBufSizeIsTheReceiveBufferInBytes() throws IOException {
        apply(instance("VI_1", 51, "    kernel_rx_buf_size 262144"));

        assertThat(properties("VI_1")).containsEntry("receiveBufferBytes", 262144);
    }

    @Test
    void kernelRxBufSizeZeroIsTheKernelsDefaultAndNotWritten() throws IOException {
        apply(instance("VI_1", 51, "    kernel_rx_buf_size 0"));

        assertThat(properties("VI_1")).doesNotContainKey("receiveBufferBytes");
    }

    @Test
    void aKernelRxBufSizeBeyondAnIntIsTheLargestInt() throws IOException {
        apply(instance("VI_1", 51, "    kernel_rx_buf_size 4294967295"));

        assertThat(properties("VI_1")).containsEntry("receiveBufferBytes", Integer.MAX_VALUE);
    }
}
