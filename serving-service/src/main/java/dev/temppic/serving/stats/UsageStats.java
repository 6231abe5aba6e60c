package dev.temppic.serving.stats;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Body of {@code GET /api/stats}: anonymous counters per UTC hour, oldest first, and their sums.
 *
 * @param from start of the oldest hour, inclusive
 * @param to end of the current hour, exclusive
 * @param hours one entry per hour, also for hours without any counter
 * @param totals per counter name, the sum over all hours
 */
record UsageStats(Instant from, Instant to, List<Hour> hours, SortedMap<String, Long> totals) {

    /**
     * Counters of one hour.
     *
     * @param hour start of the hour
     * @param counters counter name to value, e.g. {@code uploads}, {@code views}
     */
    record Hour(Instant hour, SortedMap<String, Long> counters) {
    }
}
