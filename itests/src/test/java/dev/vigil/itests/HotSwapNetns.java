package dev.vigil.itests;

/**
 * JUnit category (a JUnit Platform tag, {@code dev.vigil.itests.HotSwapNetns}) of the tests that
 * run only in the surefire execution {@code hotswap-netns}, in a network namespace. The pom
 * selects by this tag, so {@code -Dtest=...} (which overrides includes and excludes) never runs
 * them in an ordinary JVM, nor anybody else's tests in the namespace's JVM.
 */
public interface HotSwapNetns {
}
