package dev.vigil.firewall.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class BlockedAddressesTest {

    private static final NftElement A = new NftElement(Family.IP, "vips", "198.51.100.10");
    private static final NftElement B = new NftElement(Family.IP, "vips", "198.51.100.20");
    private final BlockedAddresses blocked = new BlockedAddresses();

    @Test
    void replacingAnInstancesSetAddsAndDeletesTheDifference() {
        assertThat(blocked.changeFor("VI_1", Set.of(A))).isEqualTo(new BlockedAddresses.Change(Set.of(A), Set.of()));
        blocked.set("VI_1", Set.of(A));
        assertThat(blocked.changeFor("VI_1", Set.of(B))).isEqualTo(new BlockedAddresses.Change(Set.of(B), Set.of(A)));
        assertThat(blocked.changeFor("VI_1", Set.of(A)).isEmpty()).isTrue();
    }

    @Test
    void anAddressTwoInstancesBlockStaysUntilBothLetGo() {
        blocked.set("VI_1", Set.of(A));
        blocked.set("VI_2", Set.of(A, B));
        assertThat(blocked.changeFor("VI_2", Set.of())).isEqualTo(new BlockedAddresses.Change(Set.of(), Set.of(B)));
        blocked.set("VI_2", Set.of());
        assertThat(blocked.changeFor("VI_1", Set.of())).isEqualTo(new BlockedAddresses.Change(Set.of(), Set.of(A)));
        blocked.set("VI_1", Set.of());
        assertThat(blocked.isEmpty()).isTrue();
    }
}
