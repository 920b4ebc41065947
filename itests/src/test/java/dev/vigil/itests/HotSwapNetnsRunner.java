package dev.vigil.itests;

import java.lang.reflect.Method;

import org.junit.AssumptionViolatedException;
import org.junit.Test;
import org.junit.runner.Description;
import org.junit.runner.Runner;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Runs a Pax Exam test only inside the network namespace that {@code src/test/netns/bin/java}
 * creates (surefire execution {@code hotswap-netns}); anywhere else every test is reported as
 * skipped, with the reason, and no framework is started (which would put a VRRP MASTER on the
 * root namespace's interfaces).
 */
public class HotSwapNetnsRunner extends Runner {

    private final Runner delegate;
    private final Description description;
    private final String skip;

    public HotSwapNetnsRunner(Class<?> testClass) throws Exception {
        String why = System.getenv("VIGIL_NETNS_SKIP");
        if (why == null && System.getenv("VIGIL_NETNS") == null) {
            why = "runs only in the surefire execution hotswap-netns, whose JVM (src/test/netns/bin/java) "
                    + "creates the network namespace";
        }
        skip = why;
        if (skip == null) {
            delegate = new PaxExam(testClass);
            description = delegate.getDescription();
        } else {
            delegate = null;
            description = Description.createSuiteDescription(testClass);
            for (Method m : testClass.getMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    description.addChild(Description.createTestDescription(testClass, m.getName()));
                }
            }
        }
    }

    @Override
    public Description getDescription() {
        return description;
    }

    @Override
    public void run(RunNotifier notifier) {
        if (delegate != null) {
            delegate.run(notifier);
            return;
        }
        System.err.println(description.getDisplayName() + " skipped: " + skip);
        for (Description child : description.getChildren()) {
            notifier.fireTestStarted(child);
            notifier.fireTestAssumptionFailed(new Failure(child, new AssumptionViolatedException(skip)));
            notifier.fireTestFinished(child);
        }
    }
}
