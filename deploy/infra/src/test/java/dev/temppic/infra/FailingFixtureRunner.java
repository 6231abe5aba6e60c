package dev.temppic.infra;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Main class of the child JVM in {@link FailedTestCleanupIT}. */
public final class FailingFixtureRunner {

    private FailingFixtureRunner() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FailingFixture.class))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        System.out.println("tests failed: " + listener.getSummary().getTotalFailureCount());
        System.out.flush();
        // Skips the JVM shutdown hooks, so the servers are gone only if the JUnit run itself stopped them.
        Runtime.getRuntime().halt(0);
    }
}
