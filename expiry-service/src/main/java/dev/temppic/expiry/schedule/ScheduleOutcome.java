package dev.temppic.expiry.schedule;

/** Result of adding an event's deletion to the schedule. */
public enum ScheduleOutcome {
    /** The event id was processed before; nothing changed. */
    DUPLICATE_EVENT,
    /** The entry was added, or its due time moved earlier. */
    SCHEDULED,
    /** A deleter has already claimed the object; it is being deleted. */
    ALREADY_CLAIMED,
    /** The entry was already due at or before the requested time. */
    ALREADY_DUE_EARLIER;

    /** Maps the return code of {@code schedule.lua} (0 to 3, in the order above). */
    static ScheduleOutcome fromScriptResult(long code) {
        return switch ((int) code) {
            case 0 -> DUPLICATE_EVENT;
            case 1 -> SCHEDULED;
            case 2 -> ALREADY_CLAIMED;
            case 3 -> ALREADY_DUE_EARLIER;
            default -> throw new IllegalStateException("Unexpected result " + code + " of the schedule script");
        };
    }
}
