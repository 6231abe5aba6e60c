package dev.temppic.model.events;

/** Reason for a deletion requested before the image expired. */
public enum DeletionRequestReason {
    /** The uploader presented the delete token. */
    USER_REQUESTED,
    /** The last allowed view was served. */
    VIEW_LIMIT_REACHED;

    /** Returns the matching reason for the {@link ImageDeleted} event that completes the request. */
    public DeletionReason toDeletionReason() {
        return switch (this) {
            case USER_REQUESTED -> DeletionReason.USER_REQUESTED;
            case VIEW_LIMIT_REACHED -> DeletionReason.VIEW_LIMIT_REACHED;
        };
    }
}
