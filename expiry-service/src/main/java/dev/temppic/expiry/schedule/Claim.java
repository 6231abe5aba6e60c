package dev.temppic.expiry.schedule;

import dev.temppic.model.events.DeletionReason;

/**
 * A due deletion that one deleter has claimed from the schedule.
 *
 * @param objectKey the schedule member, normally an object key in the {@code {yyyy-MM-ddTHH}/{id}} form
 * @param dueMillis when the image had to be deleted (expiresAt or request time), epoch ms
 * @param reason why it is deleted
 * @param leaseDeadline epoch ms until which the claim belongs to this deleter. It also identifies the claim,
 *     because the entry can be claimed again only after this deadline, with a later one.
 */
public record Claim(String objectKey, long dueMillis, DeletionReason reason, long leaseDeadline) {
}
