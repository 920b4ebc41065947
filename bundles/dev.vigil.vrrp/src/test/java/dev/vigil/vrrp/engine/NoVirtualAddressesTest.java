package dev.vigil.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;

/**
 * keepalived's no_virtual_ipaddress (cloud setups where the floating address is moved by an
 * API, from a notify script): the election runs with adverts that carry no address.
 */
class NoVirtualAddressesTest {

    @Test
    void anInstanceWithoutVipsElectsAMasterWithEmptyAdverts() {
        Rig rig = new Rig(Rig.v3(100, 100).withVirtualAddresses(List.of())).startAsMaster();

        Advert sent = rig.sent.get(rig.sent.size() - 1).advert();
        assertThat(sent.addresses()).isEmpty();
        assertThat(rig.vips.held()).isEmpty();

        rig.inject(Advert.v3(51, 200, 100, List.of()), Rig.HIGHER);
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.counter(Counter.ADDRESS_LIST_ERRORS)).isZero();
    }
}
