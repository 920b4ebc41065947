package dev.vigil.notify.webhook.internal;

import java.util.concurrent.CountDownLatch;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notifier;

/**
 * One {@code vigil_webhook NAME { ... }} block: a {@link Notifier} that POSTs each notification
 * as JSON (docs/WEBHOOK.md). Its service properties are the configuration's, so the dispatcher
 * finds {@code vigil.notify.name} and {@code vigil.notify.scope} there.
 *
 * <p>A configuration that cannot work (bad URL, non-positive timeout) is refused with one error
 * line; the service stays registered and fails every delivery saying why, so the problem also
 * shows in the dispatcher's failed counter and log rather than as a silently missing notifier.
 * A modified configuration applies from the next delivery on.
 */
@Component(configurationPid = WebhookNotifier.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Notifier.class, immediate = true)
@Designate(ocd = WebhookConfig.class, factory = true)
public class WebhookNotifier implements Notifier {

    static final String FACTORY_PID = "vigil.notify.webhook";

    private final Logger log;
    private final Backoff backoff;
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Exactly one of the two is set. */
    private volatile WebhookClient client;
    private volatile String refusal;

    @Activate
    public WebhookNotifier(WebhookConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this(config, log, Backoff.DEFAULT);
    }

    WebhookNotifier(WebhookConfig config, Logger log, Backoff backoff) {
        this.log = log;
        this.backoff = backoff;
        configure(config);
    }

    @Modified
    void modified(WebhookConfig config) {
        configure(config);
    }

    private void configure(WebhookConfig config) {
        try {
            WebhookSettings settings = WebhookSettings.of(config);
            client = new WebhookClient(settings, backoff, closing, log);
            refusal = null;
            log.debug("{}: configured: {}", settings.name(), settings);
        } catch (IllegalArgumentException e) {
            String origin = config.vigil_config_origin().isEmpty() ? "" : " (" + config.vigil_config_origin() + ")";
            refusal = config.vigil_notify_name() + origin + ": configuration refused: " + e.getMessage();
            client = null;
            log.error("{}; its notifications fail until the configuration is fixed", refusal);
        }
    }

    /** Ends the wait between retries of a delivery in progress: the service is going away. */
    @Deactivate
    void deactivate() {
        closing.countDown();
    }

    @Override
    public void deliver(Notification notification) throws Exception {
        WebhookClient c = client;
        if (c == null) {
            throw new IllegalStateException(refusal);
        }
        c.deliver(notification);
    }
}
