package dev.vigil.firewall.nftables.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * keepalived's nftables no_accept firewall: a family's table is made the first time an address of
 * that family is blocked, the VIPs are elements of its sets, and {@link #close} deletes the
 * tables. A table of that name this firewall did not make is never changed or deleted, with one
 * exception kept from keepalived: a table carrying our marker comment is what an earlier run left
 * behind (a crash, a kill -9) and is deleted and made anew. Thread-safe.
 */
final class NftablesFirewall implements VipFirewall, AutoCloseable {

    /** Where the firewall reports what the caller does not see (table removal, repeated failures). */
    interface Log {
        void info(String message);

        void error(String message);
    }

    private final FirewallSettings settings;
    private final NftScript script;
    private final Nft nft;
    private final Log log;
    private final BlockedAddresses blocked = new BlockedAddresses();
    private final Set<Family> tables = EnumSet.noneOf(Family.class);
    private String lastError;

    NftablesFirewall(FirewallSettings settings, Nft nft, Log log) {
        this.settings = settings;
        this.script = new NftScript(settings);
        this.nft = nft;
        this.log = log;
    }

    @Override
    public synchronized void block(String instance, Collection<VirtualAddress> addresses) throws IOException {
        Set<NftElement> elements = new LinkedHashSet<>();
        try {
            for (VirtualAddress address : addresses) {
                elements.add(NftElement.of(address, settings.linkLocalByIndex()));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        apply(instance, elements);
    }

    @Override
    public synchronized void unblock(String instance) throws IOException {
        apply(instance, Set.of());
    }

    /** Deletes the tables this firewall made (keepalived deletes its tables at exit). */
    @Override
    public synchronized void close() {
        for (Family family : tables) {
            try {
                Nft.Result r = nft.run(script.deleteTable(family));
                if (!r.ok()) {
                    log.error("Cannot delete nftables table " + script.tableName(family) + ": " + r.output());
                }
            } catch (IOException e) {
                log.error("Cannot delete nftables table " + script.tableName(family) + ": " + e.getMessage());
            }
        }
        tables.clear();
        blocked.clear();
    }

    private void apply(String instance, Set<NftElement> elements) throws IOException {
        BlockedAddresses.Change change = blocked.changeFor(instance, elements);
        if (!change.isEmpty()) {
            try {
                for (NftElement e : change.added()) {
                    ensureTable(e.family());
                }
                Nft.Result r = nft.run(script.update(change.added(), change.removed()));
                if (!r.ok()) {
                    throw new IOException("nft failed: " + r.output());
                }
            } catch (IOException e) {
                reportOnce(e.getMessage());
                throw e;
            }
        }
        blocked.set(instance, elements);
        lastError = null;
    }

    private void ensureTable(Family family) throws IOException {
        if (tables.contains(family)) {
            return;
        }
        String name = script.tableName(family);
        Nft.Result created = nft.run(script.createTable(family));
        if (!created.ok() && created.output().contains("File exists")) {
            if (!leftByUs(family)) {
                throw new IOException("nftables table " + name + " exists and was not made by Vigil: left alone "
                        + "(give another name with 'nftables NAME')");
            }
            log.info("Deleting old " + name + " table");
            Nft.Result deleted = nft.run(script.deleteTable(family));
            if (!deleted.ok()) {
                throw new IOException("cannot delete old nftables table " + name + ": " + deleted.output());
            }
            created = nft.run(script.createTable(family));
        }
        if (!created.ok()) {
            throw new IOException("cannot create nftables table " + name + ": " + created.output());
        }
        tables.add(family);
    }

    private boolean leftByUs(Family family) throws IOException {
        Nft.Result listed = nft.run(script.listTable(family));
        return listed.ok() && listed.output().contains("comment \"" + NftScript.MARKER + "\"");
    }

    /** The same failure on every transition is logged once, until something works again. */
    private void reportOnce(String message) {
        if (!message.equals(lastError)) {
            lastError = message;
            log.error("no_accept firewall: " + message + " - VIPs accept traffic");
        }
    }
}
