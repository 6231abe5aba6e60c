package dev.temppic.expiry.schedule;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The deletion schedule in Redis: the sorted set {@code expiry:schedule} (score = due time in epoch ms,
 * member = object key) and the lease set {@code expiry:leases} of claimed entries (score = lease deadline).
 *
 * <p>Every change that touches more than one key runs as a Lua script. So while a claim's lease runs, no other
 * deleter on any instance can claim the same entry, and a crash between two steps loses no entry. Due times are normally
 * expiresAt; a requested deletion is due at its request time and carries its reason in
 * {@link ExpiryKeys#REASONS}.
 *
 * <p>NOTE: the scripts touch several keys, so in a Redis Cluster these keys would need one hash slot; the
 * service is built for a single Redis primary.
 */
@Component
public class ExpirySchedule {

    private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);

    private static final List<String> CLAIM_KEYS =
            List.of(RedisKeys.EXPIRY_SCHEDULE, RedisKeys.EXPIRY_LEASES, ExpiryKeys.LEASE_DUE, ExpiryKeys.REASONS);
    private static final List<String> COMPLETE_KEYS =
            List.of(RedisKeys.EXPIRY_LEASES, ExpiryKeys.LEASE_DUE, ExpiryKeys.REASONS, RedisKeys.EXPIRY_SCHEDULE);
    private static final List<String> BOTH_SETS = List.of(RedisKeys.EXPIRY_SCHEDULE, RedisKeys.EXPIRY_LEASES);

    private final StringRedisTemplate redis;
    private final RedisScript<Long> scheduleScript = script("schedule.lua", Long.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> claimScript = script("claim.lua", List.class);
    private final RedisScript<Long> completeScript = script("complete.lua", Long.class);
    private final RedisScript<Long> retryScript = script("retry.lua", Long.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> nextWakeScript = script("next-wake.lua", List.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> backlogScript = script("backlog.lua", List.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> orphansScript = script("orphans.lua", List.class);
    private final RedisScript<Long> forgetScript = script("forget.lua", Long.class);

    public ExpirySchedule(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Schedules the deletion of {@code objectKey} at {@code dueMillis}, once per event id. An entry that is
     * already due earlier keeps its time and reason; a claimed entry is left to its deleter.
     *
     * @param reason {@link DeletionReason#EXPIRED} for an expiry, otherwise the reason of the request
     * @param deduplicationWindow how long {@code eventId} is remembered
     */
    public ScheduleOutcome schedule(String objectKey, long dueMillis, DeletionReason reason, UUID eventId,
                                    Duration deduplicationWindow) {
        List<String> keys = List.of(RedisKeys.EXPIRY_SCHEDULE, RedisKeys.EXPIRY_LEASES, ExpiryKeys.REASONS,
                ExpiryKeys.seen(eventId));
        String reasonName = reason == DeletionReason.EXPIRED ? "" : reason.name();
        Long result = redis.execute(scheduleScript, keys, objectKey, Long.toString(dueMillis), reasonName,
                Long.toString(deduplicationWindow.toMillis()));
        return ScheduleOutcome.fromScriptResult(requireResult(result, "schedule"));
    }

    /**
     * Claims up to {@code limit} entries due at {@code nowMillis}, earliest first, after returning expired
     * claims to the schedule.
     *
     * @param leaseDeadline epoch ms until which the claims belong to the caller
     */
    public List<Claim> claimDue(long nowMillis, long leaseDeadline, int limit) {
        List<?> flat = redis.execute(claimScript, CLAIM_KEYS, Long.toString(nowMillis), Long.toString(leaseDeadline),
                Integer.toString(limit));
        List<Claim> claims = new ArrayList<>();
        if (flat == null) {
            return claims;
        }
        for (int i = 0; i + 2 < flat.size(); i += 3) {
            String member = String.valueOf(flat.get(i));
            long due = parseMillis(String.valueOf(flat.get(i + 1)));
            claims.add(new Claim(member, due, parseReason(member, String.valueOf(flat.get(i + 2))), leaseDeadline));
        }
        return claims;
    }

    /** Drops the claims of finished deletions; returns how many were still this caller's or unclaimed. */
    public long complete(Collection<Claim> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(claims.size() * 2);
        for (Claim claim : claims) {
            args.add(claim.objectKey());
            args.add(Long.toString(claim.leaseDeadline()));
        }
        return requireResult(redis.execute(completeScript, COMPLETE_KEYS, args.toArray()), "complete");
    }

    /**
     * Keeps failed claims leased until {@code retryAtMillis}; then they go back to the schedule and any deleter
     * retries them. Returns how many claims were still held and postponed.
     */
    public long retryLater(Collection<Claim> claims, long retryAtMillis) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(1 + claims.size() * 2);
        args.add(Long.toString(retryAtMillis));
        for (Claim claim : claims) {
            args.add(claim.objectKey());
            args.add(Long.toString(claim.leaseDeadline()));
        }
        return requireResult(redis.execute(retryScript, List.of(RedisKeys.EXPIRY_LEASES), args.toArray()), "retry");
    }

    /** Returns the earliest moment (epoch ms) at which an entry becomes due or a claim expires. */
    public OptionalLong nextWakeMillis() {
        List<?> result = redis.execute(nextWakeScript, BOTH_SETS);
        OptionalLong earliest = OptionalLong.empty();
        if (result == null) {
            return earliest;
        }
        for (Object value : result) {
            String text = String.valueOf(value);
            if (!text.isEmpty()) {
                long millis = parseMillis(text);
                if (earliest.isEmpty() || millis < earliest.getAsLong()) {
                    earliest = OptionalLong.of(millis);
                }
            }
        }
        return earliest;
    }

    /** Reads the backlog as of {@code nowMillis}. */
    public Backlog backlog(long nowMillis) {
        List<?> result = redis.execute(backlogScript,
                List.of(RedisKeys.EXPIRY_SCHEDULE, RedisKeys.EXPIRY_LEASES, ExpiryKeys.LEASE_DUE),
                Long.toString(nowMillis));
        if (result == null || result.size() < 3) {
            throw new IllegalStateException("Redis returned no result for the backlog script");
        }
        String earliest = String.valueOf(result.get(2));
        return new Backlog(Long.parseLong(String.valueOf(result.get(0))), Long.parseLong(String.valueOf(result.get(1))),
                earliest.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parseMillis(earliest)));
    }

    /**
     * Returns the keys among {@code objectKeys} whose image has no {@code img:{id}} hash and that no deleter will
     * delete soon: they have no schedule or lease entry, or a schedule entry due after {@code dueAfterMillis}.
     * Metadata gone before the due time means a deletion request removed it and its event never arrived.
     */
    public List<String> orphans(List<ObjectKey> objectKeys, long dueAfterMillis) {
        if (objectKeys.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(objectKeys.size() + 2);
        keys.addAll(BOTH_SETS);
        List<String> args = new ArrayList<>(objectKeys.size() + 1);
        args.add(Long.toString(dueAfterMillis));
        for (ObjectKey objectKey : objectKeys) {
            keys.add(RedisKeys.image(objectKey.imageId()));
            args.add(objectKey.value());
        }
        List<?> result = redis.execute(orphansScript, keys, args.toArray());
        List<String> orphans = new ArrayList<>();
        if (result != null) {
            result.forEach(value -> orphans.add(String.valueOf(value)));
        }
        return orphans;
    }

    /** Removes unclaimed schedule entries of objects deleted elsewhere (by the sweep); returns how many were removed. */
    public long forget(Collection<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return 0;
        }
        return requireResult(redis.execute(forgetScript, List.of(RedisKeys.EXPIRY_SCHEDULE, ExpiryKeys.REASONS),
                objectKeys.toArray()), "forget");
    }

    /** Parses a stored reason; an unknown name (written by a newer version) still deletes, as an expiry. */
    private static DeletionReason parseReason(String objectKey, String reasonName) {
        if (reasonName.isEmpty()) {
            return DeletionReason.EXPIRED;
        }
        try {
            return DeletionReason.valueOf(reasonName);
        } catch (IllegalArgumentException e) {
            log.warn("Unknown deletion reason '{}' stored for {}; deleting it as EXPIRED", reasonName, objectKey);
            return DeletionReason.EXPIRED;
        }
    }

    /** Parses a score as Redis prints it; large scores may come in exponent form. */
    private static long parseMillis(String score) {
        return (long) Double.parseDouble(score);
    }

    private static Long requireResult(Long result, String script) {
        if (result == null) {
            throw new IllegalStateException("Redis returned no result for the " + script + " script");
        }
        return result;
    }

    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        return RedisScript.of(new ClassPathResource("scripts/" + name), resultType);
    }
}
