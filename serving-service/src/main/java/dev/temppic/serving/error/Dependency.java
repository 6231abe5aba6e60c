package dev.temppic.serving.error;

/** A backing service whose outage turns requests into 503 responses. */
public enum Dependency {
    /** Redis, which stores image metadata, view counters and usage counters. */
    REDIS("Redis"),
    /** The S3-compatible store that contains the encrypted image objects. */
    STORE("Object store");

    private final String displayName;

    Dependency(String displayName) {
        this.displayName = displayName;
    }

    /** Name used in log lines. */
    public String displayName() {
        return displayName;
    }
}
