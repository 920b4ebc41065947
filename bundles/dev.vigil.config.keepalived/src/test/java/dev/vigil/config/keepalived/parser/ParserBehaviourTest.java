package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.InitialState;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.model.VrrpScriptDef;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParserBehaviourTest {

    static ParseResult parse(String... lines) {
        return KeepalivedParser.parse("t.conf", String.join("\n", lines));
    }

    static List<String> diagnostics(ParseResult result) {
        return result.diagnostics().stream().map(Object::toString).toList();
    }

    /** A minimal valid instance around the given lines (which start at line 4). */
    static ParseResult instance(String... body) {
        String[] lines = new String[body.length + 4];
        lines[0] = "vrrp_instance VI_1 {";
        lines[1] = "    interface eth0";
        lines[2] = "    virtual_router_id 7";
        System.arraycopy(body, 0, lines, 3, body.length);
        lines[lines.length - 1] = "}";
        return parse(lines);
    }

    static ParseResult instanceWithVip(String... body) {
        String[] withVip = new String[body.length + 1];
        System.arraycopy(body, 0, withVip, 0, body.length);
        withVip[body.length] = "    virtual_ipaddress { 198.51.100.10 }";
        return instance(withVip);
    }

    static VrrpInstanceDef only(ParseResult result) {
        assertThat(result.valid()).as("%s", result.diagnostics()).isTrue();
        assertThat(result.config().instances()).hasSize(1);
        return result.config().instances().get(0);
    }

    @Test
    void everySupportedInstanceKeywordReachesTheModel() {
        ParseResult result = parse(
                "global_defs {",
                "    router_id lb-1",
                "    vrrp_mcast_group4 224.0.0.88",
                "}",
                "vrrp_instance VI_1 {",
                "    state BACKUP",
                "    interface eth0",
                "    virtual_router_id 42",
                "    priority 150",
                "    advert_int 3",
                "    nopreempt",
                "    preempt_delay 2.5",
                "    authentication {",
                "        auth_type PASS",
                "        auth_pass s3cret",
                "    }",
                "    virtual_ipaddress {",
                "        198.51.100.10/24 dev eth1 label eth1:vip",
                "        198.51.100.11",
                "    }",
                "    unicast_src_ip 198.51.100.1",
                "    unicast_peer {",
                "        198.51.100.2",
                "        198.51.100.3",
                "    }",
                "    garp_master_delay 10",
                "    garp_master_repeat 3",
                "    garp_master_refresh 60",
                "    garp_master_refresh_repeat 2",
                "}");

        VrrpInstanceDef i = only(result);
        assertThat(diagnostics(result)).isEmpty();
        assertThat(i.name()).isEqualTo("VI_1");
        assertThat(i.initialState()).isEqualTo(InitialState.BACKUP);
        assertThat(i.interfaceName()).isEqualTo("eth0");
        assertThat(i.virtualRouterId()).isEqualTo(42);
        assertThat(i.priority()).isEqualTo(150);
        assertThat(i.advertIntervalCentis()).isEqualTo(300);
        assertThat(i.preempt()).isFalse();
        assertThat(i.preemptDelayCentis()).isEqualTo(250);
        assertThat(i.authentication()).map(a -> a.password()).contains("s3cret");
        assertThat(i.virtualIpAddresses()).map(v -> v.normalized(i.interfaceName()))
                .containsExactly("198.51.100.10/24 dev eth1 label eth1:vip", "198.51.100.11/32 dev eth0");
        assertThat(i.sourceAddress()).contains("198.51.100.1");
        assertThat(i.unicastPeers()).containsExactly("198.51.100.2", "198.51.100.3");
        assertThat(i.garpMasterDelaySeconds()).isEqualTo(10);
        assertThat(i.garpMasterRepeat()).isEqualTo(3);
        assertThat(i.garpMasterRefreshSeconds()).isEqualTo(60);
        assertThat(i.garpMasterRefreshRepeat()).isEqualTo(2);
        assertThat(result.config().globalDefs().routerId()).contains("lb-1");
        assertThat(result.config().globalDefs().vrrpMcastGroup4()).isEqualTo("224.0.0.88");
    }

    @Nested
    class KeepalivedDefaults {

        @Test
        void withoutStateOrPriorityTheInstanceIsABackupWithPriority100() {
            VrrpInstanceDef i = only(instanceWithVip());
            assertThat(i.initialState()).isEqualTo(InitialState.BACKUP);
            assertThat(i.priority()).isEqualTo(100);
            assertThat(i.advertIntervalCentis()).isEqualTo(100);
            assertThat(i.version()).isEqualTo(2);
            assertThat(i.preempt()).isTrue();
            assertThat(i.preemptDelayCentis()).isZero();
            assertThat(i.garpMasterDelaySeconds()).isEqualTo(5);
            assertThat(i.garpMasterRepeat()).isEqualTo(5);
            assertThat(i.garpMasterRefreshSeconds()).isZero();
            assertThat(i.garpMasterRefreshRepeat()).isEqualTo(1);
            assertThat(i.family()).isEqualTo(AddressFamily.IPV4);
        }

        @Test
        void stateMasterWithoutPriorityMeansAddressOwner() {
            assertThat(only(instanceWithVip("    state MASTER")).priority()).isEqualTo(255);
        }

        @Test
        void priority255WithoutStateStartsAsMaster() {
            assertThat(only(instanceWithVip("    priority 255")).initialState()).isEqualTo(InitialState.MASTER);
        }

        @Test
        void globalVrrpVersionAppliesUnlessTheInstanceSetsItsOwn() {
            ParseResult result = parse(
                    "vrrp_instance A {",
                    "    interface eth0",
                    "    virtual_router_id 1",
                    "    virtual_ipaddress { 198.51.100.1 }",
                    "}",
                    "vrrp_instance B {",
                    "    interface eth0",
                    "    virtual_router_id 2",
                    "    version 2",
                    "    virtual_ipaddress { 198.51.100.2 }",
                    "}",
                    "global_defs {",
                    "    vrrp_version 3",
                    "}");
            assertThat(result.valid()).isTrue();
            assertThat(result.config().instances()).extracting(VrrpInstanceDef::name, VrrpInstanceDef::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 3), org.assertj.core.groups.Tuple.tuple("B", 2));
        }

        @Test
        void ipv6InstancesDefaultToVersion3() {
            VrrpInstanceDef i = only(instance("    virtual_ipaddress {", "        2001:db8:0:0::10/64", "    }"));
            assertThat(i.version()).isEqualTo(3);
            assertThat(i.family()).isEqualTo(AddressFamily.IPV6);
            assertThat(i.virtualIpAddresses()).map(v -> v.normalized("eth0")).containsExactly("2001:db8::10/64 dev eth0");
        }
    }

    @Nested
    class AdvertInterval {

        @Test
        void version2RoundsToWholeSecondsWithAWarning() {
            ParseResult result = instanceWithVip("    advert_int 1.5");
            assertThat(only(result).advertIntervalCentis()).isEqualTo(200);
            assertThat(diagnostics(result)).containsExactly("t.conf:4: warning: vrrp_instance VI_1: advert_int 1.5 is not "
                    + "a whole number of seconds as VRRP version 2 requires; rounded to 2");
        }

        @Test
        void version2NeverRoundsDownToZero() {
            ParseResult result = instanceWithVip("    advert_int 0.2");
            assertThat(only(result).advertIntervalCentis()).isEqualTo(100);
            assertThat(diagnostics(result)).hasSize(1);
        }

        @Test
        void version3TakesHundredthsAndRoundsFinerValues() {
            assertThat(only(instanceWithVip("    version 3", "    advert_int 0.25")).advertIntervalCentis()).isEqualTo(25);
            assertThat(only(instanceWithVip("    version 3", "    advert_int 40.95")).advertIntervalCentis()).isEqualTo(4095);

            ParseResult result = instanceWithVip("    version 3", "    advert_int 0.015");
            assertThat(only(result).advertIntervalCentis()).isEqualTo(2);
            assertThat(diagnostics(result)).containsExactly("t.conf:5: warning: vrrp_instance VI_1: advert_int 0.015 is "
                    + "not a multiple of 10 ms as VRRP version 3 requires; rounded to 0.02");
        }
    }

    @Nested
    class Authentication {

        @Test
        void passwordsLongerThanEightCharactersAreTruncatedWithAWarning() {
            ParseResult result = instanceWithVip("    authentication {", "        auth_type PASS",
                    "        auth_pass 0123456789", "    }");
            assertThat(only(result).authentication()).map(a -> a.password()).contains("01234567");
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:6: warning: auth_pass is longer than 8 characters; only the first 8 are used");
        }

        @Test
        void version3IgnoresAuthenticationLikeKeepalived() {
            ParseResult result = instanceWithVip("    version 3", "    authentication {", "        auth_type PASS",
                    "        auth_pass secret", "    }");
            assertThat(only(result).authentication()).isEmpty();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:5: warning: vrrp_instance VI_1: VRRP version 3 does not support authentication; ignored");
        }

        @Test
        void passWithoutPasswordIsIgnored() {
            ParseResult result = instanceWithVip("    authentication {", "        auth_type PASS", "    }");
            assertThat(only(result).authentication()).isEmpty();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:4: warning: vrrp_instance VI_1: authentication specified but no auth_pass given; ignored");
        }
    }

    @Nested
    class Preemption {

        @Test
        void nopreemptAndPreemptDelayDoNotWorkWithStateMaster() {
            ParseResult result = instanceWithVip("    state MASTER", "    priority 100", "    nopreempt",
                    "    preempt_delay 10");
            VrrpInstanceDef i = only(result);
            assertThat(i.preempt()).isTrue();
            assertThat(i.preemptDelayCentis()).isZero();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:6: warning: vrrp_instance VI_1: nopreempt does not work with initial state MASTER; ignored",
                    "t.conf:7: warning: vrrp_instance VI_1: preempt_delay does not work with initial state MASTER; ignored");
        }

        @Test
        void nopreemptIsIncompatibleWithTheAddressOwner() {
            ParseResult result = instanceWithVip("    state BACKUP", "    priority 255", "    nopreempt");
            assertThat(only(result).preempt()).isTrue();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:6: warning: vrrp_instance VI_1: nopreempt is incompatible with priority 255; ignored");
        }

        @Test
        void preemptAfterNopreemptTurnsItBackOn() {
            ParseResult result = instanceWithVip("    nopreempt", "    preempt");
            assertThat(only(result).preempt()).isTrue();
        }
    }

    @Nested
    class Warnings {

        @Test
        void lvsBlocksGetOneWarningEachAndAreSkippedWhole() {
            ParseResult result = parse(
                    "virtual_server 198.51.100.10 80 {",
                    "    delay_loop 6",
                    "    real_server 198.51.100.20 80 {",
                    "        weight 1",
                    "        TCP_CHECK { connect_timeout 3 }",
                    "    }",
                    "}",
                    "virtual_server_group web {",
                    "    198.51.100.10 80",
                    "}");
            assertThat(result.valid()).isTrue();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf: warning: no vrrp_instance is defined",
                    "t.conf:1: warning: LVS is not supported; block 'virtual_server' skipped",
                    "t.conf:8: warning: LVS is not supported; block 'virtual_server_group' skipped");
        }

        @Test
        void knownButUnimplementedKeywordsAreWarnedAboutNeverSilentlyDropped() {
            ParseResult result = instanceWithVip("    track_bfd", "    track_interface {", "        eth1 weight 10",
                    "    }", "    notify_master \"/usr/local/bin/notify.sh master\"",
                    "    linkbeat_use_polling");
            VrrpInstanceDef i = only(result);
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:4: warning: keyword 'track_bfd' is not implemented yet; ignored",
                    "t.conf:8: warning: script '/usr/local/bin/notify.sh' does not exist",
                    "t.conf:8: warning: SECURITY VIOLATION - scripts are being executed but script_security not enabled",
                    "t.conf:9: warning: keyword 'linkbeat_use_polling' is not implemented yet; ignored");
            assertThat(i.trackInterfaces()).map(TrackRef::contractText).containsExactly("eth1 weight=10");
            assertThat(i.notifyScripts()).isEqualTo(Map.of("notify_master", "/usr/local/bin/notify.sh master"));
        }

        @Test
        void unknownKeywordsSuggestTheClosestKnownOneOrNothing() {
            ParseResult result = parse(
                    "vrrp_instanse VI_1 {",
                    "    interface eth0",
                    "}",
                    "frobnicate_everything 3");
            assertThat(result.valid()).isTrue();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf: warning: no vrrp_instance is defined",
                    "t.conf:1: warning: unknown keyword 'vrrp_instanse' \u2014 did you mean 'vrrp_instance'?; its block is skipped",
                    "t.conf:4: warning: unknown keyword 'frobnicate_everything'");
        }

        @Test
        void virtualIpOptionsAreKeptNormalisedAndTheRestWarnedAbout() {
            ParseResult result = instance("    virtual_ipaddress {",
                    "        198.51.100.10/24 brd 198.51.100.255 scope global dev eth0 lable x",
                    "        198.51.100.11/24 brd + scope link noprefixroute home preferred_lft 0 no_track",
                    "    }");
            assertThat(only(result).virtualIpAddresses()).map(v -> v.normalized("eth0")).containsExactly(
                    "198.51.100.10/24 dev eth0 brd 198.51.100.255",
                    "198.51.100.11/24 dev eth0 brd 198.51.100.255 scope link noprefixroute preferred_lft 0 no_track");
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:5: warning: unknown virtual_ipaddress option 'lable' \u2014 did you mean 'label'?; ignored",
                    "t.conf:5: warning: unknown virtual_ipaddress option 'x'; ignored",
                    "t.conf:6: warning: 'home' is for IPv6 addresses; ignored for 198.51.100.11/24");
        }

        @Test
        void aPeerIsKeptWithItsPrefixLengthAsKeepalivedReadsIt() {
            ParseResult result = instance("    virtual_ipaddress {",
                    "        198.51.100.5 peer 198.51.100.6/32 dev eth0",
                    "        198.51.100.7/24 brd + peer 198.51.100.8/30",
                    "        198.51.100.9 peer 198.51.100.10 peer 198.51.100.11",
                    "    }");
            assertThat(only(result).virtualIpAddresses()).map(v -> v.normalized("eth0")).containsExactly(
                    "198.51.100.5/32 dev eth0 peer 198.51.100.6",
                    "198.51.100.7/30 dev eth0 peer 198.51.100.8",
                    "198.51.100.9/32 dev eth0 peer 198.51.100.10");
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:6: warning: Cannot specify address prefix when specifying peer address - ignoring the "
                            + "prefix of 198.51.100.7/24",
                    "t.conf:6: warning: Cannot specify broadcast and peer addresses - ignoring broadcast address for "
                            + "198.51.100.7/24",
                    "t.conf:7: warning: Peer 198.51.100.11 - another peer has already been specified; ignored");
        }

        @Test
        void aPeerOfTheOtherFamilyOrNoAddressIsAnError() {
            ParseResult result = instance("    virtual_ipaddress {",
                    "        198.51.100.5 peer 2001:db8::6",
                    "        198.51.100.7 peer nowhere",
                    "    }");
            assertThat(result.valid()).isFalse();
            assertThat(diagnostics(result)).contains(
                    "t.conf:5: error: Peer address 2001:db8::6 does not match address family of 198.51.100.5",
                    "t.conf:6: error: Invalid peer address nowhere for 198.51.100.7");
        }

        @Test
        void ipv6VipOptionsFollowKeepalived() {
            ParseResult result = instance("    virtual_ipaddress {",
                    "        2001:db8::10/64 scope link home mngtmpaddr -nodad autojoin preferred_lft forever",
                    "    }");
            assertThat(only(result).virtualIpAddresses()).map(v -> v.normalized("eth0"))
                    .containsExactly("2001:db8::10/64 dev eth0 home mngtmpaddr autojoin -nodad");
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:5: warning: cannot specify scope for IPv6 address 2001:db8::10/64; scope ignored");
        }

        @Test
        void anInvalidVipOptionValueIsAnError() {
            ParseResult result = instance("    virtual_ipaddress {",
                    "        198.51.100.10/24 brd 2001:db8::1",
                    "        198.51.100.11/24 scope galactic",
                    "        2001:db8::10/64 brd +",
                    "    }");
            assertThat(result.errors()).map(Object::toString).containsExactly(
                    "t.conf:5: error: invalid broadcast '2001:db8::1' for 198.51.100.10/24: must be an IPv4 address, '+' or '-'",
                    "t.conf:6: error: virtual_ipaddress 198.51.100.11/24: unknown scope 'galactic' (global, site, link, host, "
                            + "nowhere or 0-255)",
                    "t.conf:7: error: cannot assign a broadcast address to the IPv6 address 2001:db8::10/64");
        }

        @Test
        void aRepeatedKeywordWarnsAndTheLastOneWins() {
            ParseResult result = instanceWithVip("    priority 10", "    priority 20");
            assertThat(only(result).priority()).isEqualTo(20);
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:5: warning: 'priority' is given more than once in this vrrp_instance (first at line 4); the last one wins");
        }

        @Test
        void garpRepeatsOfZeroBecomeOne() {
            ParseResult result = instanceWithVip("    garp_master_repeat 0");
            assertThat(only(result).garpMasterRepeat()).isEqualTo(1);
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:4: warning: vrrp_instance VI_1: garp_master_repeat must be greater than 0; using 1");
        }

        @Test
        void unicastSourceWithoutPeersFallsBackToMulticast() {
            ParseResult result = instanceWithVip("    unicast_src_ip 198.51.100.1");
            VrrpInstanceDef i = only(result);
            assertThat(i.unicastPeers()).isEmpty();
            assertThat(i.sourceAddress()).contains("198.51.100.1");
            assertThat(diagnostics(result)).containsExactly("t.conf:4: warning: vrrp_instance VI_1: unicast is configured "
                    + "without any unicast_peer; using multicast (deprecated in keepalived)");
        }

        @Test
        void theLastSourceAddressWins() {
            ParseResult result = instanceWithVip("    mcast_src_ip 198.51.100.1", "    unicast_src_ip 198.51.100.2",
                    "    unicast_peer { 198.51.100.3 }");
            assertThat(only(result).sourceAddress()).contains("198.51.100.2");
            assertThat(diagnostics(result)).containsExactly("t.conf:5: warning: 'unicast_src_ip' replaces the source "
                    + "address set by 'mcast_src_ip' at line 4; the last one wins");
        }

        @Test
        void aFileWithoutInstancesIsValidButSaysSo() {
            ParseResult result = parse("", "global_defs {", "    notification_email { a@example.org b@example.org }", "}");
            assertThat(result.valid()).isTrue();
            assertThat(result.config().globalDefs().notificationEmails()).containsExactly("a@example.org", "b@example.org");
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf: warning: no vrrp_instance is defined");
        }

        @Test
        void instanceWithoutVipIsOnlyAWarningForVersion2() {
            ParseResult result = instance();
            assertThat(only(result).virtualIpAddresses()).isEmpty();
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:1: warning: vrrp_instance VI_1: no virtual_ipaddress; at least one is sensible");
        }
    }

    @Nested
    class Scripts {

        @Test
        void scriptsAndTrackScriptOptionsAreKept() {
            ParseResult result = parse(
                    "vrrp_script chk_web {",
                    "    script \"/usr/bin/curl -sf http://127.0.0.1/\"",
                    "    interval 1.5",
                    "    timeout 3",
                    "    weight -20 reverse",
                    "    rise 2",
                    "    fall 3",
                    "}",
                    "vrrp_instance VI_1 {",
                    "    interface eth0",
                    "    virtual_router_id 7",
                    "    virtual_ipaddress { 198.51.100.10 }",
                    "    track_script {",
                    "        chk_web weight 10 reverse",
                    "    }",
                    "}");
            VrrpInstanceDef i = only(result);
            VrrpScriptDef s = result.config().script("chk_web").orElseThrow();
            assertThat(s.script()).isEqualTo("/usr/bin/curl -sf http://127.0.0.1/");
            assertThat(s.intervalSeconds()).isEqualByComparingTo(new BigDecimal("1.5"));
            assertThat(s.timeoutSeconds()).hasValueSatisfying(t -> assertThat(t).isEqualByComparingTo("3"));
            assertThat(s.weight()).isEqualTo(-20);
            assertThat(s.weightReverse()).isTrue();
            assertThat(s.rise()).isEqualTo(2);
            assertThat(s.fall()).isEqualTo(3);
            assertThat(i.trackScripts()).containsExactly(new TrackScriptRef("chk_web", Optional.of(10), true,
                    new dev.vigil.config.keepalived.diag.SourceLocation("t.conf", 14)));
            assertThat(s.argv()).containsExactly("/usr/bin/curl", "-sf", "http://127.0.0.1/");
            assertThat(diagnostics(result)).containsExactly(
                    "t.conf:1: warning: SECURITY VIOLATION - scripts are being executed but script_security not enabled");
        }
    }

    @Nested
    class Structure {

        @Test
        void openingBraceMayComeOnTheNextLineAndBlocksMayBeOnOneLine() {
            ParseResult result = parse(
                    "vrrp_instance VI_1",
                    "{",
                    "    interface eth0",
                    "    virtual_router_id 7",
                    "    virtual_ipaddress { 198.51.100.10 198.51.100.11 }",
                    "    track_script {chk}}",
                    "vrrp_script chk{",
                    "    script true }");
            VrrpInstanceDef i = only(result);
            assertThat(i.location().line()).isEqualTo(1);
            // On one line, the second address is an option of the first (keepalived reads it the same way).
            assertThat(i.virtualIpAddresses()).map(v -> v.address()).containsExactly("198.51.100.10");
            assertThat(i.trackScripts()).map(TrackScriptRef::name).containsExactly("chk");
            assertThat(result.config().script("chk")).map(VrrpScriptDef::script).contains("true");
        }

        @Test
        void unicastInstancesMayShareAVridWhenTheirPeersDiffer() {
            ParseResult result = parse(
                    "vrrp_instance A {",
                    "    interface eth0",
                    "    virtual_router_id 7",
                    "    unicast_peer { 198.51.100.2 }",
                    "    virtual_ipaddress { 198.51.100.10 }",
                    "}",
                    "vrrp_instance B {",
                    "    interface eth0",
                    "    virtual_router_id 7",
                    "    unicast_peer { 198.51.100.3 }",
                    "    virtual_ipaddress { 198.51.100.11 }",
                    "}");
            assertThat(result.valid()).as("%s", result.diagnostics()).isTrue();
            assertThat(result.config().instances()).hasSize(2);
        }

        @Test
        void allErrorsAreCollectedNotJustTheFirst() {
            ParseResult result = parse(
                    "vrrp_instance A {",
                    "    interface eth0",
                    "    virtual_router_id 0",
                    "    priority 256",
                    "    advert_int fast",
                    "    state UP",
                    "}");
            assertThat(result.errors()).map(Object::toString).containsExactly(
                    "t.conf:1: error: vrrp_instance A: virtual_router_id is required",
                    "t.conf:3: error: invalid virtual_router_id '0': must be an integer between 1 and 255",
                    "t.conf:4: error: invalid priority '256': must be an integer between 1 and 255",
                    "t.conf:5: error: invalid advert_int 'fast': must be a number between 0.01 and 255",
                    "t.conf:6: error: invalid state 'UP': must be MASTER or BACKUP");
            assertThat(result.config().instances()).isEmpty();
        }
    }
}
