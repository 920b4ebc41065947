package dev.vigil.notify.webhook.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A validated {@link WebhookConfig}. Its {@link #toString()} is safe to log: no secret, and the
 * URL with any user:password part masked.
 */
record WebhookSettings(String name, URI url, Signer signer, long timeoutMillis, long retryForMillis,
        String routerId) {

    /** @throws IllegalArgumentException saying what is wrong with the configuration */
    static WebhookSettings of(WebhookConfig c) {
        if (c.timeoutMillis() <= 0) {
            throw new IllegalArgumentException("timeoutMillis " + c.timeoutMillis() + " is not positive");
        }
        if (c.retryForMillis() < 0) {
            throw new IllegalArgumentException("retryForMillis " + c.retryForMillis() + " is negative");
        }
        String secret = c._secret();
        return new WebhookSettings(c.vigil_notify_name(), parseUrl(c.url()),
                secret == null || secret.isEmpty() ? null : new Signer(secret),
                c.timeoutMillis(), c.retryForMillis(), c.routerId() == null ? "" : c.routerId());
    }

    static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is missing");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // The input may carry credentials: name the problem, not the text.
            throw new IllegalArgumentException("url is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String shown = displayUrl(uri);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("url " + shown + " is not http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url " + shown + " has no host");
        }
        return uri;
    }

    /** The URL for logs: a {@code user:password@} part is masked. */
    static String displayUrl(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    String displayUrl() {
        return displayUrl(url);
    }

    @Override
    public String toString() {
        return name + " -> " + displayUrl() + (signer == null ? "" : " (signed)") + ", timeout " + timeoutMillis
                + " ms, retry for " + retryForMillis + " ms";
    }
}
