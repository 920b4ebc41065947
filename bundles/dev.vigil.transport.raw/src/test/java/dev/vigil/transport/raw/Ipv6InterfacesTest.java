package dev.vigil.transport.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class Ipv6InterfacesTest {

    private static final String IF_INET6 = """
            20010db8000000000000000000000011 02 40 00 80     eth0
            fe800000000000000000000000000099 02 40 20 c0     eth0
            fe80000000000000dcb4e6fffe12994f 02 40 20 80     eth0
            00000000000000000000000000000001 01 80 10 80       lo
            fe800000000000000000000000000007 03 40 20 80     eth1
            """;

    @Test
    void picksTheFirstNonTentativeLinkLocalOfTheInterface() throws Exception {
        assertThat(Ipv6Interfaces.linkLocal(IF_INET6, "eth0")).contains(
                (java.net.Inet6Address) InetAddress.getByName("fe80::dcb4:e6ff:fe12:994f"));
        assertThat(Ipv6Interfaces.linkLocal(IF_INET6, "eth1")).contains(
                (java.net.Inet6Address) InetAddress.getByName("fe80::7"));
        assertThat(Ipv6Interfaces.linkLocal(IF_INET6, "lo")).isEmpty();
        assertThat(Ipv6Interfaces.linkLocal(IF_INET6, "eth2")).isEmpty();
    }
}
