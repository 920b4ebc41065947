package dev.vigil.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

import dev.vigil.config.keepalived.ConfigReloader;

class SighupReloadTest {

    private final List<String> log = new CopyOnWriteArrayList<>();

    private Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (p, m, a) -> {
                    if (m.getDeclaringClass() == Object.class) {
                        return m.getName().equals("equals") ? p == a[0] : m.getName().equals("hashCode") ? 0 : "log";
                    }
                    log.add(m.getName() + " " + a[0]);
                    return null;
                });
    }

    private static final class BlockingReloader implements ConfigReloader {
        final AtomicInteger reloads = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean result = true;

        @Override
        public Path configFile() {
            return Path.of("/etc/keepalived/keepalived.conf");
        }

        @Override
        public boolean reload() {
            reloads.incrementAndGet();
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        }
    }

    @Test
    void signalsDuringAReloadQueueOneMoreAndCoalesce() throws Exception {
        BlockingReloader reloader = new BlockingReloader();
        SighupReload component = new SighupReload(reloader, logger());
        try {
            component.requestReload();
            assertThat(reloader.started.await(5, TimeUnit.SECONDS)).isTrue();
            component.requestReload();
            component.requestReload();
            component.requestReload();
            reloader.release.countDown();
        } finally {
            component.deactivate(); // waits for the queued reload
        }
        assertThat(reloader.reloads).hasValue(2);
        assertThat(log).filteredOn(l -> l.equals("info Reloading ...")).hasSize(2);
        assertThat(log).filteredOn(l -> l.startsWith("info Reload finished in {} usec")).hasSize(2);
    }

    @Test
    void aRejectedFileIsLoggedAsAFailedReload() {
        BlockingReloader reloader = new BlockingReloader();
        reloader.result = false;
        reloader.release.countDown();
        SighupReload component = new SighupReload(reloader, logger());
        component.requestReload();
        component.deactivate();
        assertThat(log).containsExactly("info Reloading ...",
                "error Reload failed: {} was not applied (see above); the running configuration is kept");
    }
}
