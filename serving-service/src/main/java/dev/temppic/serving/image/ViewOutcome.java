package dev.temppic.serving.image;

/** Result of counting one view in Redis. */
public enum ViewOutcome {
    /** The view was counted and the image has views left (or no limit). */
    COUNTED,
    /** The view was counted and used up the limit; {@code img:{id}} has been deleted. */
    LAST_VIEW,
    /** The image is gone, expired or out of views; nothing may be sent. */
    REJECTED;

    /** Returns whether the bytes may be sent. */
    public boolean allowed() {
        return this != REJECTED;
    }
}
