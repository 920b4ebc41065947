package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InterfaceSysctlsTest {

    /** Reading only: a multi-digit integer sysctl (10000 by default) comes back whole. */
    @Test
    void aMultiDigitSysctlIsReadWhole() throws Exception {
        Path file = Path.of("/proc/sys/net/ipv4/conf/lo/igmpv2_unsolicited_report_interval");
        Assumptions.assumeTrue(Files.exists(file), "no " + file + " on this kernel: skipped");
        List<String> lines = Files.readAllLines(file);

        assertThat(InterfaceSysctls.readIpv4("lo", "igmpv2_unsolicited_report_interval"))
                .hasValue(Integer.parseInt(lines.get(0).strip()));
        assertThat(lines.get(0).strip()).hasSizeGreaterThan(1);
    }
}
