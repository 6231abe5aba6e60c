package dev.temppic.serving.stats;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Public usage counters of the last 24 hours. */
@RestController
class UsageStatsController {

    /** Number of hourly buckets returned: the current hour and the 23 before it. */
    static final int HOURS = 24;

    /** Browsers and proxies may reuse a response this long; the counters change at most per event. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final UsageStatsRepository repository;
    private final Clock clock;

    UsageStatsController(UsageStatsRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GetMapping("/api/stats")
    ResponseEntity<UsageStats> stats() {
        Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<Instant> hours = new ArrayList<>(HOURS);
        for (int back = HOURS - 1; back >= 0; back--) {
            hours.add(currentHour.minus(back, ChronoUnit.HOURS));
        }
        List<SortedMap<String, Long>> counters = repository.countersOf(hours);

        List<UsageStats.Hour> perHour = new ArrayList<>(HOURS);
        SortedMap<String, Long> totals = new TreeMap<>();
        for (int i = 0; i < HOURS; i++) {
            perHour.add(new UsageStats.Hour(hours.get(i), counters.get(i)));
            counters.get(i).forEach((name, value) -> totals.merge(name, value, Long::sum));
        }
        UsageStats body = new UsageStats(hours.get(0), currentHour.plus(1, ChronoUnit.HOURS), perHour, totals);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(body);
    }
}
