package dev.vigil.tracker.http.internal;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP clients the trackers share: one per (connect timeout, TLS verification) pair, all
 * running their callbacks on one small executor. A client has one selector thread, so sharing
 * keeps the thread count independent of the number of trackers.
 */
final class HttpClients {

    private record Key(long connectTimeoutMillis, boolean tlsVerify) {
    }

    private final Executor executor;
    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

    HttpClients(Executor executor) {
        this.executor = executor;
    }

    HttpClient client(long connectTimeoutMillis, boolean tlsVerify) {
        return clients.computeIfAbsent(new Key(connectTimeoutMillis, tlsVerify), k -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofMillis(k.connectTimeoutMillis()))
                    .executor(executor);
            if (!k.tlsVerify()) {
                b.sslContext(trustingEverything());
            }
            return b.build();
        });
    }

    int size() {
        return clients.size();
    }

    void clear() {
        clients.clear();
    }

    /**
     * {@code tls_verify off}: any certificate, any host name. An X509ExtendedTrustManager that
     * accepts everything also skips the endpoint (host name) identification.
     */
    static SSLContext trustingEverything() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java runtime", e);
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
