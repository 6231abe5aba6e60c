package dev.temppic.model.events;

/** Reason an image was deleted. */
public enum DeletionReason {
    /** Its lifetime ended. */
    EXPIRED,
    /** The uploader presented the delete token. */
    USER_REQUESTED,
    /** The last allowed view was served. */
    VIEW_LIMIT_REACHED,
    /** The backstop sweep found it past its lifetime or without metadata. */
    SWEPT
}
