package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualMac;
import dev.vigil.api.dataplane.VirtualMacManager;

class OptionalVirtualMacManagerTest {

    private static final VirtualMac VMAC = new VirtualMac("vrrp.51", "eth0", 51, false);

    @Test
    void withoutADataPlaneVirtualMacManagerAVmacFailsWithTheReason() {
        OptionalVirtualMacManager none = new OptionalVirtualMacManager();
        assertThatThrownBy(() -> none.create(VMAC)).isInstanceOf(IOException.class)
                .hasMessage("create VMAC " + VMAC + ": no VirtualMacManager service (the data plane has no VMACs)");
    }

    @Test
    void withOneEveryCallGoesThrough() throws Exception {
        List<String> journal = new ArrayList<>();
        OptionalVirtualMacManager some = new OptionalVirtualMacManager(new VirtualMacManager() {
            @Override
            public boolean create(VirtualMac vmac) {
                journal.add("create " + vmac.name());
                return true;
            }

            @Override
            public boolean delete(VirtualMac vmac) {
                journal.add("delete " + vmac.name());
                return false;
            }
        });
        assertThat(some.create(VMAC)).isTrue();
        assertThat(some.delete(VMAC)).isFalse();
        assertThat(journal).containsExactly("create vrrp.51", "delete vrrp.51");
    }
}
