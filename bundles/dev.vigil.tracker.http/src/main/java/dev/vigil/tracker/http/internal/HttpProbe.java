package dev.vigil.tracker.http.internal;

import dev.vigil.tracker.support.Outcome;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

/**
 * One HTTP(S) GET and its verdict, as keepalived's HTTP_GET judges it: the status code must be
 * one of the expected ones, then (if a digest is configured) the MD5 of the body, compared as
 * 32 hex digits in any case. The body is hashed as it streams in and never kept. Redirects are
 * not followed (a 301 is a status code like any other).
 */
final class HttpProbe implements Supplier<CompletableFuture<Outcome>> {

    private final HttpClient client;
    private final URI uri;
    private final Set<Integer> statusCodes;
    private final byte[] digest;
    private final Duration readTimeout;
    private final long connectTimeoutMillis;

    /**
     * @param digest the expected MD5 of the body, or null
     */
    HttpProbe(HttpClient client, URI uri, Set<Integer> statusCodes, byte[] digest, Duration readTimeout,
            long connectTimeoutMillis) {
        this.client = client;
        this.uri = uri;
        this.statusCodes = Set.copyOf(statusCodes);
        this.digest = digest == null ? null : digest.clone();
        this.readTimeout = readTimeout;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** Parses keepalived's {@code digest}: exactly 32 hex digits, any case. */
    static byte[] parseDigest(String hex) {
        String h = hex.trim();
        if (h.length() != 32) {
            throw new IllegalArgumentException("digest must be 32 hex digits (an MD5), got " + h.length()
                    + " characters: " + h);
        }
        try {
            return HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digest is not hexadecimal: " + h);
        }
    }

    @Override
    public CompletableFuture<Outcome> get() {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(readTimeout)
                .header("User-Agent", "Vigil-tracker").build();
        return client.sendAsync(request, info -> digest != null && statusCodes.contains(info.statusCode())
                ? new Md5Body() : BodySubscribers.replacing((byte[]) null))
                .thenApply(this::judge);
    }

    private Outcome judge(HttpResponse<byte[]> response) {
        int code = response.statusCode();
        if (!statusCodes.contains(code)) {
            return Outcome.failed("HTTP " + code + ", expected " + expected());
        }
        if (digest != null && !MessageDigest.isEqual(digest, response.body())) {
            return Outcome.failed("HTTP " + code + ", body MD5 " + HexFormat.of().formatHex(response.body())
                    + " differs from digest " + HexFormat.of().formatHex(digest));
        }
        return Outcome.ok("HTTP " + code + (digest != null ? ", digest matches" : ""));
    }

    private String expected() {
        return statusCodes.size() == 1 ? statusCodes.iterator().next().toString()
                : statusCodes.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "|" + b).orElse("");
    }

    /** Words for a check that did not get a response. */
    Outcome explain(Throwable t) {
        if (t instanceof HttpConnectTimeoutException) {
            return Outcome.failed("connection to " + authority() + " timed out after " + connectTimeoutMillis + " ms");
        }
        if (t instanceof HttpTimeoutException) {
            return Outcome.failed("no response from " + authority() + " within " + readTimeout.toMillis() + " ms");
        }
        if (t instanceof ConnectException) {
            return Outcome.failed("cannot connect to " + authority() + ": "
                    + (t.getMessage() == null ? "connection refused" : t.getMessage()));
        }
        if (t instanceof SSLException) {
            return Outcome.failed("TLS with " + authority() + " failed: " + rootMessage(t));
        }
        return Outcome.failed(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }

    private String authority() {
        return uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }

    /** Hashes the body as it arrives; keeps only the digest. */
    private static final class Md5Body implements BodySubscriber<byte[]> {
        private final MessageDigest md;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        Md5Body() {
            try {
                md = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is required of every Java runtime", e);
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                md.update(b);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(md.digest());
        }
    }
}
