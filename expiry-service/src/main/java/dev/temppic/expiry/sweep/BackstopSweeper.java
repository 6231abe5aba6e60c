package dev.temppic.expiry.sweep;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.deletion.DeletionMetrics;
import dev.temppic.expiry.deletion.DeletionPublisher;
import dev.temppic.expiry.schedule.ExpiryKeys;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import dev.temppic.expiry.store.RemovalResult;
import dev.temppic.model.service.StoreProperties;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.id.ImageLifetime;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The backstop: finds objects that outlived their images, whatever happened to events, Redis or the deleter,
 * and deletes them with reason {@code SWEPT}.
 *
 * <p>It lists the top-level hour prefixes of the bucket ({@code yyyy-MM-ddTHH/}, the UTC hour of upload):
 *
 * <ul>
 *   <li>A prefix whose hour H satisfies H + 1 h + 24 h + {@code grace} &lt;= now holds only expired images
 *       (each was uploaded before H + 1 h and lived at most 24 h), so every object in it is deleted.</li>
 *   <li>In a newer prefix, an object is deleted when its last-modified time is older than
 *       {@code orphan-min-age}, it has no {@code img:{id}} hash, and no deleter will delete it soon: it has no
 *       schedule or lease entry (the leftover of a failed upload, or an image whose {@code ImageUploaded} was
 *       lost), or its schedule entry is due more than a minute from now (its metadata was removed by a
 *       deletion request whose event was lost).</li>
 * </ul>
 *
 * A Redis lock lets one instance sweep at a time. Objects outside the hour prefixes are never deleted, only
 * reported.
 */
public class BackstopSweeper {

    private static final Logger log = LoggerFactory.getLogger(BackstopSweeper.class);

    /**
     * Allowed difference between the sweep's clock and the moment Redis expired {@code img:{id}}: a schedule
     * entry due within it is an ordinary expiry that the deleter handles.
     */
    private static final Duration EXPIRY_CLOCK_MARGIN = Duration.ofMinutes(1);

    private final MinioClient minio;
    private final StoreProperties store;
    private final ObjectRemover remover;
    private final ExpirySchedule schedule;
    private final DeletionPublisher publisher;
    private final DeletionMetrics metrics;
    private final StringRedisTemplate redis;
    private final ExpiryProperties.Sweep settings;
    private final Duration publishTimeout;
    private final Clock clock;
    private final RedisScript<Long> releaseLock =
            RedisScript.of(new ClassPathResource("scripts/release-lock.lua"), Long.class);
    private final Set<String> reportedForeignNames = new HashSet<>();

    public BackstopSweeper(MinioClient minio, StoreProperties store, ObjectRemover remover, ExpirySchedule schedule,
                           DeletionPublisher publisher, DeletionMetrics metrics, StringRedisTemplate redis,
                           ExpiryProperties.Sweep settings, Duration publishTimeout, Clock clock) {
        this.minio = minio;
        this.store = store;
        this.remover = remover;
        this.schedule = schedule;
        this.publisher = publisher;
        this.metrics = metrics;
        this.redis = redis;
        this.settings = settings;
        this.publishTimeout = publishTimeout;
        this.clock = clock;
    }

    /**
     * Sweeps the bucket once, unless another instance holds the sweep lock.
     *
     * @throws SweepFailedException when the store or Redis fails; the next sweep starts over
     */
    public SweepReport sweep() {
        String token = UUID.randomUUID().toString();
        Boolean locked = redis.opsForValue().setIfAbsent(ExpiryKeys.SWEEP_LOCK, token, settings.lockTimeout());
        if (!Boolean.TRUE.equals(locked)) {
            log.debug("Another instance is sweeping the bucket; skipping this sweep");
            return SweepReport.SKIPPED;
        }
        try {
            return sweepLocked();
        } finally {
            redis.execute(releaseLock, List.of(ExpiryKeys.SWEEP_LOCK), token);
        }
    }

    private SweepReport sweepLocked() {
        Instant now = clock.instant();
        // An object uploaded in hour H was uploaded before H + 1 h and expired 24 h after upload at the latest.
        Instant expiredHoursUpTo = now.minus(ImageLifetime.MAX).minus(Duration.ofHours(1)).minus(settings.grace());
        Instant orphansModifiedBefore = now.minus(settings.orphanMinAge());
        Tally tally = new Tally();
        List<String> foreignNames = new ArrayList<>();
        for (Item item : list(ListObjectsArgs.builder().bucket(store.bucket()).recursive(false).build())) {
            Optional<Instant> hour = item.isDir() ? ObjectKey.parsePrefix(item.objectName()) : Optional.empty();
            if (hour.isEmpty()) {
                foreignNames.add(item.objectName());
            } else {
                sweepPrefix(item.objectName(), !hour.get().isAfter(expiredHoursUpTo), orphansModifiedBefore, tally);
            }
        }
        reportForeignNames(foreignNames);
        return new SweepReport(true, tally.expired, tally.orphans, tally.failed);
    }

    /** Deletes every object of an expired prefix, or the orphans of a newer one. */
    private void sweepPrefix(String prefix, boolean expired, Instant orphansModifiedBefore, Tally tally) {
        List<Item> candidates = new ArrayList<>();
        for (Item item : list(ListObjectsArgs.builder().bucket(store.bucket()).prefix(prefix).recursive(true).build())) {
            if (expired || item.lastModified().toInstant().isBefore(orphansModifiedBefore)) {
                candidates.add(item);
            }
            if (candidates.size() == ObjectRemover.MAX_KEYS_PER_REQUEST) {
                deleteBatch(candidates, expired, tally);
                candidates.clear();
            }
        }
        if (!candidates.isEmpty()) {
            deleteBatch(candidates, expired, tally);
        }
    }

    private void deleteBatch(List<Item> candidates, boolean expired, Tally tally) {
        Map<String, Item> byName = new LinkedHashMap<>();
        candidates.forEach(item -> byName.put(item.objectName(), item));
        List<String> doomed = expired ? new ArrayList<>(byName.keySet()) : orphans(byName.keySet());
        if (doomed.isEmpty()) {
            return;
        }

        List<String> metadataKeys = new ArrayList<>();
        for (String name : doomed) {
            ObjectKey.tryParse(name).ifPresent(objectKey -> metadataKeys.add(RedisKeys.image(objectKey.imageId())));
        }
        if (!metadataKeys.isEmpty()) {
            redis.delete(metadataKeys);
        }
        RemovalResult removal = remover.remove(doomed);
        if (removal.requestFailed()) {
            metrics.recordFailures("sweep", doomed.size());
            throw new SweepFailedException("Object store delete request failed for " + doomed.size() + " objects",
                    removal.requestFailure());
        }
        if (!removal.failed().isEmpty()) {
            metrics.recordFailures("sweep", removal.failed().size());
            tally.failed += removal.failed().size();
            log.warn("Object store rejected the deletion of {} objects in the sweep: {}. The next sweep retries them",
                    removal.failed().size(), removal.failed());
        }
        schedule.forget(removal.removed());
        if (expired) {
            tally.expired += removal.removed().size();
        } else {
            tally.orphans += removal.removed().size();
        }
        announce(removal.removed(), byName);
    }

    /** Returns the names that are no valid object key, and the orphans among the others (see the class comment). */
    private List<String> orphans(Set<String> names) {
        List<String> orphans = new ArrayList<>();
        List<ObjectKey> parsed = new ArrayList<>();
        for (String name : names) {
            Optional<ObjectKey> objectKey = ObjectKey.tryParse(name);
            if (objectKey.isPresent()) {
                parsed.add(objectKey.get());
            } else {
                orphans.add(name);
            }
        }
        long dueAfter = clock.instant().plus(EXPIRY_CLOCK_MARGIN).toEpochMilli();
        orphans.addAll(schedule.orphans(parsed, dueAfter));
        return orphans;
    }

    /**
     * Sends {@code ImageDeleted(SWEPT)} for each removed object. The real expiresAt is unknown here, so lateness
     * is counted from the latest expiry the image could have had: 24 h after the earlier of the end of its
     * upload hour and its last-modified time. It is therefore a lower bound.
     */
    private void announce(Set<String> removed, Map<String, Item> byName) {
        Instant deletedAt = clock.instant();
        List<ImageDeleted> events = new ArrayList<>();
        for (String name : removed) {
            Optional<ObjectKey> objectKey = ObjectKey.tryParse(name);
            if (objectKey.isPresent()) {
                Instant uploadHourEnd = objectKey.get().hour().plus(Duration.ofHours(1));
                Instant lastModified = byName.get(name).lastModified().toInstant();
                Instant latestUpload = lastModified.isBefore(uploadHourEnd) ? lastModified : uploadHourEnd;
                long latestDue = latestUpload.plus(ImageLifetime.MAX).toEpochMilli();
                events.add(DeletionPublisher.eventFor(objectKey.get(), DeletionReason.SWEPT, deletedAt, latestDue));
            }
        }
        DeletionPublisher.PublishResult published = publisher.publish(events, publishTimeout);
        if (!published.unsent().isEmpty()) {
            // NOTE: the objects are gone, so no later sweep resends these events; audit and counters miss them.
            metrics.recordFailures("publish", published.unsent().size());
            log.warn("Kafka did not acknowledge ImageDeleted(SWEPT) for {} deleted objects ({})",
                    published.unsent().size(),
                    published.unsent().stream().map(ImageDeleted::objectKey).limit(10).toList(),
                    published.firstError());
        }
    }

    /** Warns once per name about top-level entries that are not hour prefixes; the sweep leaves them alone. */
    private void reportForeignNames(List<String> names) {
        List<String> fresh = names.stream().filter(reportedForeignNames::add).toList();
        if (!fresh.isEmpty()) {
            log.warn("Bucket {} contains {} top-level entries that are not hour prefixes (yyyy-MM-ddTHH/), which "
                            + "the sweep does not delete: {}", store.bucket(), fresh.size(),
                    fresh.stream().limit(10).toList());
        }
    }

    private Iterable<Item> list(ListObjectsArgs args) {
        Iterable<Result<Item>> results = minio.listObjects(args);
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Result<Item>> delegate = results.iterator();

            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public Item next() {
                try {
                    return delegate.next().get();
                } catch (Exception e) {
                    throw new SweepFailedException("Failed to list bucket " + store.bucket() + " (prefix '"
                            + args.prefix() + "')", e);
                }
            }
        };
    }

    private static final class Tally {
        int expired;
        int orphans;
        int failed;
    }

    /**
     * Outcome of one sweep.
     *
     * @param ran false when another instance held the sweep lock
     * @param expiredDeleted objects deleted from expired hour prefixes
     * @param orphansDeleted orphans deleted from newer prefixes
     * @param failed objects whose deletion the store rejected
     */
    public record SweepReport(boolean ran, int expiredDeleted, int orphansDeleted, int failed) {

        static final SweepReport SKIPPED = new SweepReport(false, 0, 0, 0);
    }

    /** A sweep stopped because the store or Redis failed. */
    public static class SweepFailedException extends RuntimeException {

        SweepFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
