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

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    private Path configFile;

    @Activate
    void activate(BundleContext context) {
        String file = context.getProperty(CONFIG_FILE_PROPERTY);
        configFile = Path.of(file == null || file.isBlank() ? DEFAULT_CONFIG_FILE : file);
        reload();
    }

    @Override
    public Path configFile() {
        return configFile;
    }

    @Override
    public synchronized boolean reload() {
        ParseResult result = KeepalivedParser.parse(configFile);
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
                    new ConfigAdminMapper(new ConfigurationAdminStore(configurationAdmin)).apply(result.config());
            logger.info("{}: {} vrrp_instance(s) loaded: {}", configFile, result.config().instances().size(), applied);
            return true;
        } catch (IOException | RuntimeException e) {
            logger.error("{}: could not apply the configuration: {}", configFile, e.toString(), e);
            return false;
        }
    }
}
