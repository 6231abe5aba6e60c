package dev.temppic.expiry.deletion;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.schedule.Claim;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import dev.temppic.expiry.store.RemovalResult;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deletes due images one batch at a time.
 *
 * <p>A batch: claim up to {@code batch-size} due entries (a Lua script moves them to the lease set), delete
 * their {@code img:{id}} hashes, delete their objects with one multi-object request, send one
 * {@code ImageDeleted} per object, and only then drop the claims. A failure at any step leaves the claim in
 * the lease set with a retry time as its deadline. At that time it goes back to the schedule, and whichever
 * deleter claims it next retries it. A crash leaves the claim until its lease runs out, with the same effect.
 *
 * <p>A failed store request (store down, timeout) pauses this deleter with exponential backoff; a key the
 * store rejects, or an event Kafka does not acknowledge, is retried with its own backoff. Each failure is
 * logged when it starts and when it ends, not on every retry.
 *
 * <p>Not thread-safe: one thread per instance ({@link DeleterLoop}) calls {@link #deleteDueBatch()}.
 */
public class Deleter {

    private static final Logger log = LoggerFactory.getLogger(Deleter.class);

    private final ExpirySchedule schedule;
    private final ObjectRemover remover;
    private final DeletionPublisher publisher;
    private final StringRedisTemplate redis;
    private final DeletionMetrics metrics;
    private final ExpiryProperties.Deleter settings;
    private final RetryBackoff backoff;
    private final Clock clock;

    private final FailureLog rejectedKeys = new FailureLog();
    private int consecutiveRequestFailures;
    private int consecutivePublishFailures;

    public Deleter(ExpirySchedule schedule, ObjectRemover remover, DeletionPublisher publisher, StringRedisTemplate redis,
                   DeletionMetrics metrics, ExpiryProperties.Deleter settings, Clock clock) {
        this.schedule = schedule;
        this.remover = remover;
        this.publisher = publisher;
        this.redis = redis;
        this.metrics = metrics;
        this.settings = settings;
        this.backoff = new RetryBackoff(settings.retryInitial(), settings.retryMax());
        this.clock = clock;
    }

    /**
     * Claims and deletes one batch of due entries.
     *
     * @throws org.springframework.dao.DataAccessException when Redis fails; claims made before the failure
     *     are retried after their lease
     */
    public BatchResult deleteDueBatch() {
        long now = clock.millis();
        List<Claim> claims = schedule.claimDue(now, now + settings.lease().toMillis(), settings.batchSize());
        if (claims.isEmpty()) {
            return BatchResult.EMPTY;
        }

        Map<Claim, ObjectKey> objectKeys = parseObjectKeys(claims);
        deleteMetadata(objectKeys.values());

        RemovalResult removal = remover.remove(claims.stream().map(Claim::objectKey).toList());
        if (removal.requestFailed()) {
            long retryAt = onRequestFailure(claims, removal.requestFailure(), now);
            return new BatchResult(claims.size(), 0, OptionalLong.of(retryAt));
        }
        onRequestSuccess();

        List<Claim> removed = new ArrayList<>();
        List<Claim> rejected = new ArrayList<>();
        for (Claim claim : claims) {
            (removal.failed().containsKey(claim.objectKey()) ? rejected : removed).add(claim);
        }
        if (!rejected.isEmpty()) {
            onRejected(rejected, removal.failed(), now);
        }

        List<Claim> done = publishDeletions(removed, objectKeys, now);
        schedule.complete(done);
        int recovered = rejectedKeys.recordSuccesses(done.stream().map(Claim::objectKey).toList());
        if (recovered > 0) {
            log.info("Deleted {} objects that had failed before", recovered);
        }
        return new BatchResult(claims.size(), done.size(), OptionalLong.empty());
    }

    /** Returns the claims whose member is a valid object key; other members are deleted without an event. */
    private static Map<Claim, ObjectKey> parseObjectKeys(List<Claim> claims) {
        Map<Claim, ObjectKey> objectKeys = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        for (Claim claim : claims) {
            Optional<ObjectKey> objectKey = ObjectKey.tryParse(claim.objectKey());
            if (objectKey.isPresent()) {
                objectKeys.put(claim, objectKey.get());
            } else {
                malformed.add(claim.objectKey());
            }
        }
        if (!malformed.isEmpty()) {
            log.warn("Schedule entries are not object keys of the form yyyy-MM-ddTHH/<image id>: {}; "
                    + "deleting objects of that name without an ImageDeleted event", LogIds.summarize(malformed));
        }
        return objectKeys;
    }

    /**
     * Deletes the metadata first, so that no link points at a missing object. It is usually gone already,
     * because {@code img:{id}} expires at expiresAt and a deletion request removes it before it is sent.
     */
    private void deleteMetadata(Iterable<ObjectKey> objectKeys) {
        List<String> metadataKeys = new ArrayList<>();
        objectKeys.forEach(objectKey -> metadataKeys.add(RedisKeys.image(objectKey.imageId())));
        if (!metadataKeys.isEmpty()) {
            redis.delete(metadataKeys);
        }
    }

    /** Sends the events of removed objects; returns the claims whose deletion is complete. */
    private List<Claim> publishDeletions(List<Claim> removed, Map<Claim, ObjectKey> objectKeys, long now) {
        Instant deletedAt = clock.instant();
        List<ImageDeleted> events = new ArrayList<>();
        List<Claim> done = new ArrayList<>();
        for (Claim claim : removed) {
            ObjectKey objectKey = objectKeys.get(claim);
            if (objectKey == null) {
                done.add(claim);
            } else {
                events.add(DeletionPublisher.eventFor(objectKey, claim.reason(), deletedAt, claim.dueMillis()));
            }
        }
        if (events.isEmpty()) {
            return done;
        }

        DeletionPublisher.PublishResult published = publisher.publish(events, settings.publishTimeout());
        Set<String> unsentKeys = new HashSet<>();
        published.unsent().forEach(event -> unsentKeys.add(event.objectKey()));
        List<Claim> unsent = new ArrayList<>();
        for (Claim claim : removed) {
            if (unsentKeys.contains(claim.objectKey())) {
                unsent.add(claim);
            } else if (objectKeys.containsKey(claim)) {
                done.add(claim);
            }
        }

        if (unsent.isEmpty()) {
            onPublishSuccess();
        } else {
            onPublishFailure(unsent, published.firstError(), now);
        }
        return done;
    }

    private long onRequestFailure(List<Claim> claims, Exception error, long now) {
        consecutiveRequestFailures++;
        long delay = backoff.delayMillis(consecutiveRequestFailures);
        long retryAt = now + delay;
        schedule.retryLater(claims, retryAt);
        metrics.recordFailures("store", claims.size());
        List<String> keys = claims.stream().map(Claim::objectKey).toList();
        if (consecutiveRequestFailures == 1) {
            log.warn("Object store delete request failed for {} objects ({}); retrying in {} ms with growing "
                            + "waits, further failures are logged at DEBUG until a request succeeds",
                    claims.size(), LogIds.summarize(keys), delay, error);
        } else {
            log.debug("Object store delete request failed again (attempt {}) for {} objects; retrying in {} ms: {}",
                    consecutiveRequestFailures, claims.size(), delay, error.toString());
        }
        return retryAt;
    }

    private void onRequestSuccess() {
        if (consecutiveRequestFailures > 0) {
            log.info("Object store delete requests succeed again after {} failed attempts", consecutiveRequestFailures);
            consecutiveRequestFailures = 0;
        }
    }

    /** Postpones keys whose deletion the store rejected, each by its own backoff. */
    private void onRejected(List<Claim> rejected, Map<String, String> errors, long now) {
        List<String> keys = rejected.stream().map(Claim::objectKey).toList();
        List<String> firstFailures = rejectedKeys.recordFailures(keys);
        metrics.recordFailures("store", rejected.size());
        Map<Long, List<Claim>> byRetryTime = new TreeMap<>();
        for (Claim claim : rejected) {
            long retryAt = now + backoff.delayMillis(rejectedKeys.attempts(claim.objectKey()));
            byRetryTime.computeIfAbsent(retryAt, time -> new ArrayList<>()).add(claim);
        }
        byRetryTime.forEach((retryAt, claims) -> schedule.retryLater(claims, retryAt));
        if (!firstFailures.isEmpty()) {
            List<String> described = firstFailures.stream().map(key -> key + " (" + errors.get(key) + ")").toList();
            log.warn("Object store rejected the deletion of {} objects: {}. Retrying each with growing waits",
                    firstFailures.size(), LogIds.summarize(described));
        }
    }

    private void onPublishSuccess() {
        if (consecutivePublishFailures > 0) {
            log.info("ImageDeleted events are acknowledged by Kafka again after {} failed attempts",
                    consecutivePublishFailures);
            consecutivePublishFailures = 0;
        }
    }

    private void onPublishFailure(List<Claim> unsent, Exception error, long now) {
        consecutivePublishFailures++;
        long delay = backoff.delayMillis(consecutivePublishFailures);
        schedule.retryLater(unsent, now + delay);
        metrics.recordFailures("publish", unsent.size());
        List<String> keys = unsent.stream().map(Claim::objectKey).toList();
        if (consecutivePublishFailures == 1) {
            log.warn("Kafka did not acknowledge ImageDeleted events for {} deleted objects ({}); retrying in {} ms, "
                            + "further failures are logged at DEBUG until events are acknowledged again",
                    unsent.size(), LogIds.summarize(keys), delay, error);
        } else {
            log.debug("Kafka did not acknowledge ImageDeleted events again (attempt {}) for {} objects: {}",
                    consecutivePublishFailures, unsent.size(), String.valueOf(error));
        }
    }

    /**
     * Outcome of one batch.
     *
     * @param claimed entries claimed
     * @param deleted entries whose deletion completed
     * @param pausedUntil epoch ms before which this deleter should not claim again, after a failed store request
     */
    public record BatchResult(int claimed, int deleted, OptionalLong pausedUntil) {

        static final BatchResult EMPTY = new BatchResult(0, 0, OptionalLong.empty());
    }
}
