package dev.vigil.firewall.nftables.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * The {@link VipFirewall} service, driving {@code nft}, one per configuration of the factory PID
 * {@code vigil.firewall.nftables} (dev.vigil.config.keepalived writes {@code ~default} when
 * something needs it). A changed configuration restarts it: the old tables are deleted and the
 * VRRP side blocks again in the new ones. Nothing touches nftables until an instance in no_accept
 * mode becomes MASTER.
 */
@Component(configurationPid = NftablesFirewallComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NftablesConfig.class, factory = true)
public class NftablesFirewallComponent implements VipFirewall {

    static final String FACTORY_PID = "vigil.firewall.nftables";

    private final NftablesFirewall firewall;

    @Activate
    public NftablesFirewallComponent(NftablesConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        FirewallSettings settings;
        try {
            settings = new FirewallSettings(config.table(), config.priority(), config.counters(), config.ifindex());
        } catch (IllegalArgumentException e) {
            log.error("{}{} - no_accept cannot be enforced", origin(config), e.getMessage());
            throw e;
        }
        Nft nft = new NftProcess(List.of("nft"), Duration.ofMillis(Math.max(100, config.timeoutMillis())));
        this.firewall = new NftablesFirewall(settings, nft, new NftablesFirewall.Log() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }
        });
    }

    @Deactivate
    void deactivate() {
        firewall.close();
    }

    @Override
    public void block(String instance, Collection<VirtualAddress> addresses) throws IOException {
        firewall.block(instance, addresses);
    }

    @Override
    public void unblock(String instance) throws IOException {
        firewall.unblock(instance);
    }

    private static String origin(NftablesConfig config) {
        String origin = config.vigil_config_origin();
        return origin == null || origin.isEmpty() ? "" : origin + ": ";
    }
}
