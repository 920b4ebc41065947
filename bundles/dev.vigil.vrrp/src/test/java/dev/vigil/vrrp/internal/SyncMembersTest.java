package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.vrrp.engine.FakeVipManager;
import dev.vigil.vrrp.engine.InstanceListener;
import dev.vigil.vrrp.engine.InstanceSettings;
import dev.vigil.vrrp.engine.SimulatedScheduler;
import dev.vigil.vrrp.engine.SyncGroup;
import dev.vigil.vrrp.engine.GroupListener;
import dev.vigil.vrrp.engine.LogLevel;
import dev.vigil.vrrp.engine.VrrpInstance;

/** Instances and groups configured in any order, replaced and removed, as reloads do. */
class SyncMembersTest {

    final SimulatedScheduler clock = new SimulatedScheduler();
    final FakeVipManager vips = new FakeVipManager(clock::nanoTime);
    final List<String> warnings = new ArrayList<>();
    final SyncMembers members = new SyncMembers(warnings::add);
    final List<String> weightsIgnored = new ArrayList<>();

    @Test
    void instancesJoinTheGroupThatListsThemWhicheverComesFirst() {
        VrrpInstance a = instance("VI_A");
        members.instanceUp("VI_A", member(a, null, List.of()));
        SyncGroup g1 = group("G1");

        List<String> missing = members.groupConfigured(g1, List.of("VI_A", "VI_B"), false);

        assertThat(missing).containsExactly("VI_B");
        assertThat(g1.memberNames()).containsExactly("VI_A");
        members.instanceUp("VI_B", member(instance("VI_B"), null, List.of()));
        assertThat(g1.memberNames()).containsExactly("VI_A", "VI_B");
    }

    @Test
    void aReplacedInstanceTakesItsPredecessorsPlaceAndALateStopOfTheOldOneChangesNothing() {
        SyncGroup g1 = group("G1");
        members.groupConfigured(g1, List.of("VI_A"), false);
        VrrpInstance old = instance("VI_A");
        VrrpInstance replacement = instance("VI_A");
        members.instanceUp("VI_A", member(old, null, List.of()));

        members.instanceUp("VI_A", member(replacement, null, List.of()));
        members.instanceDown("VI_A", old);

        assertThat(g1.contains(replacement)).isTrue();
        assertThat(g1.contains(old)).isFalse();
        members.instanceDown("VI_A", replacement);
        assertThat(g1.memberNames()).isEmpty();
    }

    @Test
    void aReloadDroppingAMemberFromTheListTakesItOut() {
        SyncGroup g1 = group("G1");
        members.instanceUp("VI_A", member(instance("VI_A"), null, List.of()));
        members.instanceUp("VI_B", member(instance("VI_B"), null, List.of()));
        members.groupConfigured(g1, List.of("VI_A", "VI_B"), false);

        members.groupConfigured(g1, List.of("VI_B"), false);

        assertThat(g1.memberNames()).containsExactly("VI_B");
    }

    @Test
    void anInstanceListedByTwoGroupsStaysInTheFirstWithKeepalivedsWarning() {
        SyncGroup g1 = group("G1");
        SyncGroup g2 = group("G2");
        members.groupConfigured(g1, List.of("VI_A"), false);
        members.groupConfigured(g2, List.of("VI_A"), false);

        members.instanceUp("VI_A", member(instance("VI_A"), null, List.of()));

        assertThat(g1.memberNames()).containsExactly("VI_A");
        assertThat(g2.memberNames()).isEmpty();
        assertThat(warnings).containsExactly("Virtual router VI_A cannot exist in more than one sync group; ignoring G2");
    }

    @Test
    void aRemovedGroupNoLongerTiesItsMembersTogether() {
        VrrpInstance a = started("VI_A", "198.51.100.10");
        VrrpInstance b = started("VI_B", "203.0.113.10");
        members.instanceUp("VI_A", member(a, null, List.of()));
        members.instanceUp("VI_B", member(b, null, List.of()));
        SyncGroup g1 = group("G1");
        members.groupConfigured(g1, List.of("VI_A", "VI_B"), false);

        members.groupRemoved(g1);
        a.setFault(true, "interface eth0 down");

        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        members.instanceUp("VI_A", member(instance("VI_A"), null, List.of()));
        assertThat(g1.memberNames()).isEmpty();
    }

    @Test
    void whileConfiguredTheGroupTiesItsMembersTogether() {
        VrrpInstance a = started("VI_A", "198.51.100.10");
        VrrpInstance b = started("VI_B", "203.0.113.10");
        members.instanceUp("VI_A", member(a, null, List.of()));
        members.instanceUp("VI_B", member(b, null, List.of()));
        members.groupConfigured(group("G1"), List.of("VI_A", "VI_B"), false);

        a.setFault(true, "interface eth0 down");

        assertThat(b.state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void notificationsGetTheMembersVipsAsConfiguredAndTheFirstRouterId() {
        SyncGroup g1 = group("G1");
        members.groupConfigured(g1, List.of("VI_A", "VI_B"), false);
        members.instanceUp("VI_A", member(instance("VI_A"), " ", List.of("198.51.100.100/24")));
        members.instanceUp("VI_B", member(instance("VI_B"), "lb-1", List.of("203.0.113.100/24", "2001:db8::100/64")));

        assertThat(members.virtualAddressesOf(g1)).containsExactly("198.51.100.100/24", "203.0.113.100/24",
                "2001:db8::100/64");
        assertThat(members.routerIdOf(g1)).isEqualTo("lb-1");
    }

    @Test
    void membersOfAGroupWithoutSyncGroupTrackingWeightAreToldToIgnoreWeights() {
        SyncGroup g1 = group("G1");
        SyncGroup g2 = group("G2");
        members.groupConfigured(g1, List.of("VI_A"), false);
        members.groupConfigured(g2, List.of("VI_B"), true);
        members.instanceUp("VI_A", member(instance("VI_A"), null, List.of()));
        members.instanceUp("VI_B", member(instance("VI_B"), null, List.of()));
        assertThat(weightsIgnored).endsWith("VI_A=true", "VI_B=false");

        members.groupRemoved(g1);

        assertThat(weightsIgnored).contains("VI_A=false");
    }

    private SyncMembers.Member member(VrrpInstance instance, String routerId, List<String> vips) {
        return new SyncMembers.Member(instance, routerId, vips, ignored -> weightsIgnored.add(instance.settings().name() + "=" + ignored));
    }

    private SyncGroup group(String name) {
        return new SyncGroup(name, new GroupListener() {
            @Override
            public void log(LogLevel level, String message) {
            }

            @Override
            public void groupStateChanged(SyncGroup group, VrrpState from, VrrpState to, String reason) {
            }
        });
    }

    private VrrpInstance instance(String name) {
        VirtualAddress vip = new VirtualAddress(literal("198.51.100.100"), 24, "eth0", null);
        InstanceSettings s = InstanceSettings.defaults(name, "eth0", 51, 2, 100, 100, List.of(vip));
        return new VrrpInstance(s, clock, vips, InstanceListener.NONE);
    }

    private VrrpInstance started(String name, String address) {
        VrrpInstance i = instance(name);
        i.start(new VrrpChannel() {
            @Override
            public InetAddress sourceAddress() {
                return literal(address);
            }

            @Override
            public List<InetAddress> destinations() {
                return List.of(InstanceSettings.DEFAULT_MULTICAST_GROUP_V4);
            }

            @Override
            public void send(InetAddress destination, byte[] vrrpMessage) {
            }

            @Override
            public void close() {
            }
        });
        return i;
    }

    private static InetAddress literal(String text) {
        return SettingsMapper.literal(text, "test");
    }
}
