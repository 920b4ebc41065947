package dev.vigil.vrrp.engine;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;

/** Blocked addresses by instance in memory; every call goes to the shared journal, in order. */
public final class FakeVipFirewall implements VipFirewall {

    private final Map<String, List<VirtualAddress>> blocked = new LinkedHashMap<>();
    private final List<String> journal;
    private boolean failing;

    public FakeVipFirewall(List<String> journal) {
        this.journal = journal;
    }

    public void failing(boolean fail) {
        failing = fail;
    }

    public Map<String, List<VirtualAddress>> blocked() {
        return blocked;
    }

    @Override
    public void block(String instance, Collection<VirtualAddress> addresses) throws IOException {
        journal.add("BLOCK " + instance + " " + addresses.stream().map(a -> a.address().getHostAddress())
                .collect(Collectors.joining(",")));
        if (failing) {
            throw new IOException("nft failed");
        }
        blocked.put(instance, List.copyOf(addresses));
    }

    @Override
    public void unblock(String instance) throws IOException {
        journal.add("UNBLOCK " + instance);
        if (failing) {
            throw new IOException("nft failed");
        }
        blocked.remove(instance);
    }
}
