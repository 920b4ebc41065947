package dev.vigil.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;

/**
 * Starts the bundles of the exported assembly in Felix and checks what only the framework can
 * show: every Vigil bundle resolves and is ACTIVE, every DS component is satisfied, and the
 * keepalived.conf adapter → ConfigAdmin → VRRP instance chain is wired. The instance names an
 * interface that does not exist, so nothing touches a network: it must stay up, retrying.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AssemblyInFelixTest {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() throws IOException {
        Path work = Path.of(System.getProperty("vigil.build.dir", "target"), "assembly-in-felix");
        Path conf = work.resolve("keepalived.conf");
        Files.createDirectories(work);
        Files.writeString(conf, """
                global_defs {
                    router_id itest
                }
                vrrp_instance VI_ITEST {
                    state BACKUP
                    interface vgnone0
                    virtual_router_id 51
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        198.51.100.200/24
                    }
                }
                """);
        List<Option> opts = new ArrayList<>();
        String localRepo = System.getProperty("maven.repo.local", "");
        if (!localRepo.isEmpty()) {
            opts.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepo));
        }
        opts.add(frameworkProperty("vigil.config.file").value(conf.toAbsolutePath().toString()));
        opts.add(frameworkProperty("gosh.args").value("--nointeractive"));
        opts.add(frameworkProperty("felix.fileinstall.dir").value(work.resolve("deploy").toAbsolutePath().toString()));
        opts.add(junitBundles());
        for (Path b : Assembly.extractRunBundles(work.resolve("bundles"))) {
            opts.add(bundle(b.toUri().toString()));
        }
        return options(opts.toArray(Option[]::new));
    }

    @Test
    public void everyVigilBundleIsActive() {
        List<Bundle> ours = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("dev.vigil."))
                .collect(Collectors.toList());
        List<String> names = ours.stream().map(Bundle::getSymbolicName).collect(Collectors.toList());
        assertTrue("Vigil bundles in the assembly: " + names, names.containsAll(List.of("dev.vigil.api",
                "dev.vigil.vrrp", "dev.vigil.libc", "dev.vigil.transport.raw", "dev.vigil.net",
                "dev.vigil.config.keepalived", "dev.vigil.daemon")));
        for (Bundle b : ours) {
            assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
        }
    }

    @Test
    public void everyComponentIsSatisfied() throws InterruptedException {
        Collection<ComponentDescriptionDTO> descriptions = awaitInstanceComponent();
        List<String> broken = new ArrayList<>();
        int configurations = 0;
        for (ComponentDescriptionDTO d : descriptions) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                configurations++;
                boolean ok = c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED;
                if (!ok) {
                    broken.add(d.name + " state " + c.state + (c.failure == null ? "" : ": " + c.failure));
                }
            }
        }
        assertEquals("components not satisfied", List.of(), broken);
        assertTrue("component configurations of Vigil bundles: " + configurations, configurations >= 6);
    }

    @Test
    public void keepalivedConfReachesTheVrrpEngine() throws Exception {
        awaitInstanceComponent();
        Collection<ServiceReference<VrrpRouter>> refs =
                context.getServiceReferences(VrrpRouter.class, "(vigil.instance=VI_ITEST)");
        assertEquals(1, refs.size());
        VrrpRouter router = context.getService(refs.iterator().next());
        assertEquals(51, router.virtualRouterId());
        assertEquals("vgnone0", router.interfaceName());
        assertEquals(100, router.basePriority());
        assertEquals(List.of("198.51.100.200/24 dev vgnone0"), router.virtualAddresses());
        // the interface does not exist: the instance waits for it, it never pretends to run
        assertEquals(VrrpState.INIT, router.state());
    }

    /** Vigil's components, once the instance from keepalived.conf exists (bounded wait). */
    private Collection<ComponentDescriptionDTO> awaitInstanceComponent() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Collection<ComponentDescriptionDTO> ours = scr.getComponentDescriptionDTOs().stream()
                    .filter(d -> d.bundle.symbolicName.startsWith("dev.vigil."))
                    .collect(Collectors.toList());
            boolean instanceUp = ours.stream().filter(d -> d.name.endsWith("VrrpInstanceComponent"))
                    .anyMatch(d -> !scr.getComponentConfigurationDTOs(d).isEmpty());
            if (instanceUp || System.nanoTime() > deadline) {
                return ours;
            }
            Thread.sleep(100);
        }
    }
}
