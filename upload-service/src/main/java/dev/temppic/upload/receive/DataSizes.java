package dev.temppic.upload.receive;

/** Formats byte counts for messages that users read. */
public final class DataSizes {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private DataSizes() {
    }

    /** Formats whole MiB or KiB with the exact byte count, such as {@code 20 MiB (20971520 bytes)}, else bytes. */
    public static String format(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB (" + bytes + " bytes)";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }
}
