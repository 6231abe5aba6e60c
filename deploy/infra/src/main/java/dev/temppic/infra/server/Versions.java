package dev.temppic.infra.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the bundled servers, copied from the Maven build into versions.properties. */
public final class Versions {

    private static final Properties PROPERTIES = load();

    private Versions() {
    }

    public static String s3proxy() {
        return PROPERTIES.getProperty("s3proxy.version");
    }

    public static String kafka() {
        return PROPERTIES.getProperty("kafka.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/temppic/infra/versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/temppic/infra/versions.properties is missing from the classpath;"
                        + " rebuild with `mvn -pl deploy/infra install`");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
