package dev.vigil.config.keepalived.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's ~SEQ and ~LST line replication (keepalived.conf(5), "Sequence blocks" and "List blocks"). */
class ReplicationTest {

    @TempDir
    Path dir;

    private PreprocessorHarness pre;

    @BeforeEach
    void harness() {
        pre = new PreprocessorHarness(dir);
    }

    private List<String> texts(String... lines) throws IOException {
        return pre.read(lines).stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    void aSequenceRepeatsTheRestOfItsLineWithTheVariableBracedOrPlain() throws IOException {
        assertThat(pre.read("first", "~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1 $SUBNET", "last"))
                .containsExactly("keepalived.conf:1 first",
                        "keepalived.conf:2 ip_address 10.0.0.1 0",
                        "keepalived.conf:2 ip_address 10.0.1.1 1",
                        "keepalived.conf:2 ip_address 10.0.2.1 2",
                        "keepalived.conf:2 ip_address 10.0.3.1 3",
                        "keepalived.conf:3 last");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void stepAndStartMayBeLeftOutAndCountTowardsTheEnd() throws IOException {
        assertThat(texts("~SEQ(i, 5, 3) a$i")).containsExactly("a5", "a4", "a3");
        assertThat(texts("~SEQ(i, 3) b$i")).containsExactly("b1", "b2", "b3");
        assertThat(texts("~SEQ(i, -2) c$i")).containsExactly("c-1", "c-2");
        assertThat(texts("~SEQ(i, 0) d$i")).containsExactly("d1", "d0");
        assertThat(texts("~SEQ(i, 10, -4, 1) e$i")).containsExactly("e10", "e6", "e2");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void seqxWritesHexadecimalAndNumbersAreCIntegersOrDefinitions() throws IOException {
        assertThat(texts("~SEQx(SUBNET, 0x90, 0x10, 0xc0) fe80::20:${SUBNET}:1")).containsExactly(
                "fe80::20:90:1", "fe80::20:a0:1", "fe80::20:b0:1", "fe80::20:c0:1");
        assertThat(texts("$LAST=012", "~SEQ(i, 9, $LAST) n$i")).containsExactly("n9", "n10");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void listsTakeOneValueOrOneBracedSetPerRoundAndLeaveMissingValuesEmpty() throws IOException {
        assertThat(texts("~LST(IP, 1, 2, 3) 192.169.${IP}.1")).containsExactly(
                "192.169.1.1", "192.169.2.1", "192.169.3.1");
        assertThat(texts("~LST({IP, IP1}, {10,1},{20,4}, {5}) 192.168.${IP}.${IP1}x")).containsExactly(
                "192.168.10.1x", "192.168.20.4x", "192.168.5.x");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void replicationsNestAsLoopsTheOuterOneFirst() throws IOException {
        assertThat(texts("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}"))
                .containsExactly("192.168.10.1", "192.170.10.1", "192.168.20.4", "192.170.20.4");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void aReplicatedMultiLineDefinitionIsReadWholeForEachValueWithItsOwnLines() throws IOException {
        assertThat(pre.read(
                "$VI= \\",
                "vrrp_instance VI_${ID} { \\",
                "    @lb1 priority 1${ID} \\",
                "    virtual_router_id ${ID} \\",
                "}",
                "~SEQ(ID, 1, 2) $VI")).containsExactly(
                "keepalived.conf:2 vrrp_instance VI_1 {",
                "keepalived.conf:4 virtual_router_id 1",
                "keepalived.conf:5 }",
                "keepalived.conf:2 vrrp_instance VI_2 {",
                "keepalived.conf:4 virtual_router_id 2",
                "keepalived.conf:5 }");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void aSequenceInsideAMultiLineDefinitionRunsWhereItIsExpanded() throws IOException {
        assertThat(texts(
                "$PEERS= \\",
                "unicast_peer { \\",
                "    ~SEQ(P, 2, 3) 198.51.100.$P \\",
                "}",
                "$PEERS")).containsExactly("unicast_peer {", "198.51.100.2", "198.51.100.3", "}");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void malformedReplicationsAreErrorsWithKeepalivedsWordsOnTheirLine() throws IOException {
        pre.read(
                "~SEQ(i, 5, 1, 3) x",
                "~SEQ(i, 1, 0, 3) x",
                "~SEQ(i 1 3) x",
                "~SEQ(i, 1, 3 x",
                "~SEQx(i, -1, 3) x",
                "~SEQ(i, one) x",
                "~SEQ[i, 1] x",
                "~LST({A, B}, {1, 2, 3}) x",
                "~LST(A) x",
                "~LST(A, 1, 2 x",
                "$M=a \\",
                "b",
                "~SEQ(i, 1, $M) x",
                "~SEQ(i, 1, 2000000) x");
        assertThat(pre.messages()).containsExactly(
                "error 1 Invalid ~SEQ values '~SEQ(i, 5, 1, 3) x'",
                "error 2 Invalid ~SEQ values '~SEQ(i, 1, 0, 3) x'",
                "error 3 Invalid ~SEQ definition '~SEQ(i 1 3) x'",
                "error 4 ~SEQ missing terminating ')' '~SEQ(i, 1, 3 x'",
                "error 5 ~SEQx is only valid for positive numbers '~SEQx(i, -1, 3) x'",
                "error 6 Invalid ~SEQ definition '~SEQ(i, one) x'",
                "error 7 Invalid ~SEQ specification '~SEQ[i, 1] x'",
                "error 8 ~LST specification has too many values '~LST({A, B}, {1, 2, 3}) x'",
                "error 9 Invalid ~LST specification '~LST(A) x'",
                "error 10 Invalid ~LST specification '~LST(A, 1, 2 x'",
                "error 13 ~SEQ parameter is multiline definition '~SEQ(i, 1, $M) x'",
                "error 14 ~SEQ makes 2000000 lines, more than the limit of 100000 '~SEQ(i, 1, 2000000) x'");
    }

    @Test
    void expansionsThatTogetherMakeTooManyLinesStopWithOneError() throws IOException {
        List<String> lines = pre.read("~SEQ(a, 1, 101) ~SEQ(b, 1, 1000) x", "after");
        // each outer value counts its own line and 1000 inner ones: 99 * 1001 + 1 + 900 = 100000
        assertThat(lines).hasSize(99 * 1000 + 900 + 1).last().isEqualTo("keepalived.conf:2 after");
        assertThat(pre.messages()).containsExactly("error 1 multi-line definitions, ~SEQ and ~LST make more than "
                + "100000 lines; the rest of their lines is skipped");
    }
}
