package dev.temppic.infra.server;

import java.time.Duration;
import java.util.List;

/**
 * Settings for starting a local server process.
 *
 * @param startTimeout maximum time from launch until the server passes its health check
 * @param detached     start the process in its own session, so that it outlives the JVM and the terminal that
 *                     started it. The local stack sets it and tests leave it false.
 * @param tuned        give a Java server the small-machine JVM flags (small heap, serial GC, and C1 only for
 *                     Kafka and S3Proxy); false leaves every JVM default, for comparison measurements
 * @param jvmOptions   extra JVM options for a server that runs as a Java process, placed after the tuning flags so
 *                     that they win (for example class-data sharing flags)
 */
public record ProcessOptions(Duration startTimeout, boolean detached, boolean tuned, List<String> jvmOptions) {

    public ProcessOptions {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Options for tests: 60 s start timeout, attached, tuned, no extra JVM options. */
    public static ProcessOptions forTests() {
        return new ProcessOptions(Duration.ofSeconds(60), false, true, List.of());
    }

    /** Returns {@code flags} if tuned, else an empty list. */
    public List<String> tuning(String... flags) {
        return tuned ? List.of(flags) : List.of();
    }
}
