package dev.vigil.tracker.tcp.internal;

import dev.vigil.tracker.support.Outcome;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One TCP connect, as keepalived's TCP_CHECK: up when the three-way handshake completes, then
 * the connection is closed at once. Asynchronous: no thread waits for the handshake; the caller
 * abandons it at the deadline (cancelling the future closes the socket).
 */
final class TcpProbe implements Supplier<CompletableFuture<Outcome>> {

    private final AsynchronousChannelGroup group;
    private final InetSocketAddress target;
    private final long connectTimeoutMillis;

    TcpProbe(AsynchronousChannelGroup group, InetSocketAddress target, long connectTimeoutMillis) {
        this.group = group;
        this.target = target;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public CompletableFuture<Outcome> get() {
        AsynchronousSocketChannel ch;
        try {
            ch = AsynchronousSocketChannel.open(group);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        // cancelled at the deadline (or on close): drop the half-open connection
        result.whenComplete((o, t) -> closeQuietly(ch));
        ch.connect(target, null, new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void v, Void a) {
                result.complete(Outcome.ok("connected to " + where()));
            }

            @Override
            public void failed(Throwable t, Void a) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Words for a connect that failed. */
    Outcome explain(Throwable t) {
        if (t instanceof ConnectException) {
            return Outcome.failed("cannot connect to " + where() + ": "
                    + (t.getMessage() == null ? "connection refused" : t.getMessage()));
        }
        return Outcome.failed("cannot connect to " + where() + ": " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : " " + t.getMessage()));
    }

    long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    private String where() {
        String host = target.getAddress() != null ? target.getAddress().getHostAddress() : target.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + target.getPort();
    }

    private static void closeQuietly(AsynchronousSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
