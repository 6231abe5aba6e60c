package dev.temppic.expiry.deletion;

import java.util.Collection;
import java.util.stream.Collectors;

/** Formats id lists for log lines, so one line stays readable however large the batch. */
final class LogIds {

    private static final int MAX_LISTED = 10;

    private LogIds() {
    }

    /** Returns the first ten items, then "and N more". */
    static String summarize(Collection<String> ids) {
        String listed = ids.stream().limit(MAX_LISTED).collect(Collectors.joining(", "));
        int more = ids.size() - MAX_LISTED;
        return more > 0 ? listed + " and " + more + " more" : listed;
    }
}
