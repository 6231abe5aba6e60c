package dev.temppic.serving.stats;

import dev.temppic.model.keys.RedisKeys;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the anonymous hourly counters {@code stats:{yyyyMMddHH}} that expiry-service's analytics consumer
 * writes. This service only reads them, and takes whatever fields a hash holds.
 */
@Repository
class UsageStatsRepository {

    private final StringRedisTemplate redis;

    UsageStatsRepository(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Reads the counters of several hours in one pipelined round trip.
     *
     * @param hours the start of each hour, in the order wanted
     * @return one map per hour, in the same order, sorted by field name; fields whose value is not an
     *     integer are left out
     */
    List<SortedMap<String, Long>> countersOf(List<Instant> hours) {
        List<Object> results;
        try {
            results = redis.executePipelined((RedisCallback<Object>) connection -> {
                hgetAll(connection, hours);
                return null;
            });
        } catch (DataAccessException e) {
            throw new DependencyUnavailableException(Dependency.REDIS, null, e);
        }
        List<SortedMap<String, Long>> counters = new ArrayList<>(hours.size());
        for (Object result : results) {
            counters.add(numericFields(result));
        }
        return counters;
    }

    private static void hgetAll(RedisConnection connection, List<Instant> hours) {
        for (Instant hour : hours) {
            connection.hashCommands().hGetAll(RedisKeys.stats(hour).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static SortedMap<String, Long> numericFields(Object hash) {
        SortedMap<String, Long> counters = new TreeMap<>();
        if (hash instanceof Map<?, ?> fields) {
            fields.forEach((field, value) -> {
                try {
                    counters.put(String.valueOf(field), Long.parseLong(String.valueOf(value)));
                } catch (NumberFormatException e) {
                    // Not a counter; the stats hashes contain only counters today.
                }
            });
        }
        return counters;
    }
}
