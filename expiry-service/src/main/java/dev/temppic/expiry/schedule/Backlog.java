package dev.temppic.expiry.schedule;

import java.util.OptionalLong;

/**
 * Size of the deletion backlog at one moment.
 *
 * @param dueEntries entries in the schedule whose due time has passed and that no deleter has claimed
 * @param claimedEntries entries a deleter has claimed and not finished, including ones waiting for a retry
 * @param earliestDueMillis earliest due time among both, epoch ms; empty when nothing is overdue
 */
public record Backlog(long dueEntries, long claimedEntries, OptionalLong earliestDueMillis) {
}
