package dev.temppic.expiry.deletion;

import dev.temppic.expiry.support.EventRecorder;
import dev.temppic.expiry.support.ExpiryIntegrationTest;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ZSetOperations;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After hours of downtime the deleter works off a backlog of 10,000 overdue images within a minute. */
class CatchUpIT extends ExpiryIntegrationTest {

    private static final int BACKLOG = 10_000;

    @Autowired
    private DeleterLoop deleterLoop;

    @Test
    void tenThousandOverdueWithinMinute() throws Exception {
        EventRecorder events = imageEvents();
        // Uploaded 4 h ago and expired 3 h ago, in an hour prefix no other test uses.
        Instant uploadedAt = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        long dueMillis = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
        String prefix = ObjectKey.prefixOf(uploadedAt);
        List<String> keys = new ArrayList<>(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            keys.add(ObjectKey.of(uploadedAt, ImageId.random()).value());
        }

        deleterLoop.stop();
        long start;
        try {
            long putStart = System.nanoTime();
            putAll(keys);
            System.out.printf("Stored %d objects in %d ms%n", BACKLOG, (System.nanoTime() - putStart) / 1_000_000);
            Set<ZSetOperations.TypedTuple<String>> entries = new HashSet<>();
            keys.forEach(key -> entries.add(ZSetOperations.TypedTuple.of(key, (double) dueMillis)));
            redis.opsForZSet().add(RedisKeys.EXPIRY_SCHEDULE, entries);
            assertThat(countObjects(prefix)).isEqualTo(BACKLOG);
        } finally {
            start = System.nanoTime();
            deleterLoop.start();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                redis.opsForZSet().count(RedisKeys.EXPIRY_SCHEDULE, 0, System.currentTimeMillis()) == 0
                        && redis.opsForZSet().zCard(RedisKeys.EXPIRY_LEASES) == 0);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("Caught up %d overdue deletions in %d ms (%.0f per second)%n", BACKLOG, elapsedMs,
                BACKLOG * 1000.0 / elapsedMs);
        assertThat(elapsedMs).isLessThan(60_000);
        assertThat(countObjects(prefix)).isZero();
        Set<String> keySet = new HashSet<>(keys);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> events.deletedEvents(keySet).size() >= BACKLOG);
        assertThat(events.deletedEvents(keySet).stream().map(ImageDeleted::objectKey).distinct()).hasSize(BACKLOG);
    }

    private void putAll(List<String> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> {
                    putObject(key, new byte[] {(byte) key.hashCode()});
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
