package dev.vigil.config.keepalived.cm;

import dev.vigil.config.keepalived.ConfigReloader;
import dev.vigil.config.keepalived.diag.Diagnostic;
import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads keepalived.conf at activation and on {@link #reload()}, logs every diagnostic, and
 * applies the file to ConfigurationAdmin only when it has no errors: a broken edit leaves the
 * running instances alone.
 */
@Component(immediate = true, service = ConfigReloader.class)
public final class KeepalivedConfigLoader implements ConfigReloader {

    /** Framework property naming the configuration file. */
    public static final String CONFIG_FILE_PROPERTY = "vigil.config.file";
    public static final String DEFAULT_CONFIG_FILE = "/etc/keepalived/keepalived.conf";
    /** Framework property with the {@code -i/--config-id} that selects {@code @ID} lines. */
    public static final String CONFIG_ID_PROPERTY = "vigil.config.id";
    /** {@code -e/--all-config}: a missing or unreadable included file makes the file invalid. */
    public static final String ALL_CONFIG_PROPERTY = "vigil.config.allConfig";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    /** How long a reload waits for removed instances to stop before their notifiers change. */
    static final Duration REMOVAL_WAIT = Duration.ofSeconds(3);

    private BundleContext bundleContext;
    private Path configFile;
    private Optional<String> configId = Optional.empty();
    private boolean allConfig;

    @Activate
    void activate(BundleContext context) {
        bundleContext = context;
        String file = context.getProperty(CONFIG_FILE_PROPERTY);
        configFile = Path.of(file == null || file.isBlank() ? DEFAULT_CONFIG_FILE : file);
        configId = Optional.ofNullable(context.getProperty(CONFIG_ID_PROPERTY)).filter(id -> !id.isBlank());
        allConfig = Boolean.parseBoolean(context.getProperty(ALL_CONFIG_PROPERTY));
        reload();
    }

    private InstanceRemovalWaiter removalWaiter() {
        return new VrrpRouterRemovalWaiter(bundleContext, REMOVAL_WAIT, text -> logger.warn("{}: {}", configFile, text));
    }

    @Override
    public Path configFile() {
        return configFile;
    }

    @Override
    public synchronized boolean reload() {
        ParseResult result = KeepalivedParser.parse(configFile, configId, allConfig);
        for (Diagnostic diagnostic : result.diagnostics()) {
            if (diagnostic.isError()) {
                logger.error(diagnostic.toString());
            } else {
                logger.warn(diagnostic.toString());
            }
        }
        if (!result.valid()) {
            logger.error("{}: {} error(s); configuration not applied, the running instances are kept",
                    configFile, result.errors().size());
            return false;
        }
        try {
            ConfigAdminMapper.ApplyResult applied =
                    new ConfigAdminMapper(new ConfigurationAdminStore(configurationAdmin), removalWaiter())
                            .apply(result.config());
            for (String pid : applied.overridden()) {
                logger.warn("{}: {} is configured by a FileInstall .cfg file, which wins; keepalived.conf's block "
                        + "for it is not applied", configFile, pid);
            }
            logger.info("{}: {} vrrp_instance(s) loaded: {}", configFile, result.config().instances().size(), applied);
            return true;
        } catch (IOException | RuntimeException e) {
            logger.error("{}: could not apply the configuration: {}", configFile, e.toString(), e);
            return false;
        }
    }
}
