package dev.temppic.serving.support;

/** Cleanup for the test classes that share servers and clients across their tests. */
public final class Resources {

    private Resources() {
    }

    /** Closes every resource that is not null, in the given order, and keeps going when one fails to close. */
    public static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Closing " + resource + " failed: " + e);
            }
        }
    }
}
