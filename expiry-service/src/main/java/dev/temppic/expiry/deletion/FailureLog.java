package dev.temppic.expiry.deletion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed attempts per object key, so that each failing key is logged once (not on every retry) and its retry
 * waits grow.
 *
 * <p>Not thread-safe: each deleter thread owns one. Holds at most {@value #MAX_TRACKED} keys; beyond that the
 * oldest are forgotten, which only means they may be logged again and their backoff restarts.
 */
final class FailureLog {

    static final int MAX_TRACKED = 10_000;

    private final Map<String, Integer> attempts = new LinkedHashMap<>();

    /** Records one more failed attempt for each key; returns the keys that had not failed before. */
    List<String> recordFailures(Collection<String> objectKeys) {
        List<String> firstFailures = new ArrayList<>();
        for (String objectKey : objectKeys) {
            Integer previous = attempts.put(objectKey, attempts.getOrDefault(objectKey, 0) + 1);
            if (previous == null) {
                firstFailures.add(objectKey);
            }
        }
        Iterator<String> oldest = attempts.keySet().iterator();
        while (attempts.size() > MAX_TRACKED && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return firstFailures;
    }

    /** Returns the number of failed attempts recorded for {@code objectKey}, 0 when none. */
    int attempts(String objectKey) {
        return attempts.getOrDefault(objectKey, 0);
    }

    /** Forgets keys that were deleted; returns how many of them had failed before. */
    int recordSuccesses(Collection<String> objectKeys) {
        int recovered = 0;
        for (String objectKey : objectKeys) {
            if (attempts.remove(objectKey) != null) {
                recovered++;
            }
        }
        return recovered;
    }
}
