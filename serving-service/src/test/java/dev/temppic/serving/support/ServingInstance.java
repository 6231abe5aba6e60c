package dev.temppic.serving.support;

import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.serving.ServingApplication;
import dev.temppic.serving.image.ImageLookup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One serving-service application context on a random port of 127.0.0.1, connected to the shared test
 * infrastructure, with a {@link MutableClock} in place of the system clock. Several may run in one JVM.
 */
public final class ServingInstance implements AutoCloseable {

    /** Master key of the test images: 32 fixed bytes, used only in tests. */
    public static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            "serving-service-test-master-key!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final ConfigurableApplicationContext context;
    private final MutableClock clock;
    private final URI baseUri;

    private ServingInstance(ConfigurableApplicationContext context, MutableClock clock, int port) {
        this.context = context;
        this.clock = clock;
        this.baseUri = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts an instance with the infrastructure's connection properties. */
    public static ServingInstance start() {
        return start(Map.of());
    }

    /**
     * Starts an instance.
     *
     * @param overrides properties that replace the defaults, e.g. {@code temppic.serving.metadata-cache-ttl}
     */
    public static ServingInstance start(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(TempPicInfraExtension.connection().springProperties());
        properties.put("server.port", "0");
        properties.put("temppic.crypto.master-key", MASTER_KEY);
        properties.putAll(overrides);
        // Command-line arguments outrank application.yml; builder default properties would not.
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));

        MutableClock clock = MutableClock.atSystemTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ServingApplication.class)
                .initializers(applicationContext ->
                        applicationContext.getBeanFactory().registerSingleton("clock", clock))
                .run(args.toArray(String[]::new));
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        return new ServingInstance(context, clock, port);
    }

    public MutableClock clock() {
        return clock;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Absolute URI of a path on this instance, e.g. {@code /i/abc}. */
    public URI uri(String path) {
        return baseUri.resolve(path);
    }

    /** Waits until the cache eviction consumer has its partitions, so the metadata cache is in use. */
    public void awaitCacheEnabled() {
        ImageLookup lookup = bean(ImageLookup.class);
        await().atMost(Duration.ofSeconds(30)).until(lookup::cacheEnabled);
    }

    @Override
    public void close() {
        context.close();
    }
}
