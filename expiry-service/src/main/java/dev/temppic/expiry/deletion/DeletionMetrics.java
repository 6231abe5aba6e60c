package dev.temppic.expiry.deletion;

import dev.temppic.model.events.DeletionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Meters of completed and failed deletions, exported at {@code /actuator/prometheus}.
 *
 * <ul>
 *   <li>{@value #DELETIONS} (counter, tag {@code reason}): images deleted and announced.</li>
 *   <li>{@value #LATENESS} (timer with histogram buckets, tag {@code reason}): time from the due time to the
 *       deletion; the promise is at most 60 s.</li>
 *   <li>{@value #FAILURES} (counter, tag {@code stage}): deletion attempts that failed and will be retried,
 *       per stage: {@code store} (per object), {@code publish} (per event), {@code sweep} (per object), and
 *       {@code redis} (per failed deleter iteration).</li>
 * </ul>
 */
@Component
public class DeletionMetrics {

    public static final String DELETIONS = "temppic.expiry.deletions";
    public static final String LATENESS = "temppic.expiry.deletion.lateness";
    public static final String FAILURES = "temppic.expiry.deletion.failures";

    private static final Duration[] LATENESS_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofHours(24)};

    /** Stages that count failures; each is registered up front so it is exported with 0. */
    private static final String[] FAILURE_STAGES = {"store", "redis", "publish", "sweep"};

    private final MeterRegistry registry;
    private final Map<DeletionReason, Counter> deletions = new EnumMap<>(DeletionReason.class);
    private final Map<DeletionReason, Timer> lateness = new EnumMap<>(DeletionReason.class);

    public DeletionMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so every reason is exported, with 0 until it happens.
        for (DeletionReason reason : DeletionReason.values()) {
            deletions.put(reason, Counter.builder(DELETIONS)
                    .description("Images whose object was deleted and whose ImageDeleted event was sent")
                    .tag("reason", reason.name())
                    .register(registry));
            lateness.put(reason, Timer.builder(LATENESS)
                    .description("Time from the due time (expiresAt or request time) to the deletion")
                    .tag("reason", reason.name())
                    .serviceLevelObjectives(LATENESS_BUCKETS)
                    .register(registry));
        }
        for (String stage : FAILURE_STAGES) {
            failureCounter(stage);
        }
    }

    /** Counts one completed deletion. */
    public void recordDeleted(DeletionReason reason, long latenessMs) {
        deletions.get(reason).increment();
        lateness.get(reason).record(Duration.ofMillis(latenessMs));
    }

    /** Counts {@code count} failed deletion attempts in {@code stage}. */
    public void recordFailures(String stage, int count) {
        if (count > 0) {
            failureCounter(stage).increment(count);
        }
    }

    private Counter failureCounter(String stage) {
        return Counter.builder(FAILURES)
                .description("Deletion attempts that failed and will be retried, by stage")
                .tag("stage", stage)
                .register(registry);
    }
}
