package dev.temppic.infra.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import okhttp3.OkHttpClient;

/**
 * S3Proxy as its own JVM, serving the S3 API on 127.0.0.1 from a folder on disk ({@code filesystem-nio2}).
 *
 * <p>Requests must carry an AWS Signature V2 or V4 made with the configured credentials, as with a real store.
 * S3Proxy rejects bucket lifecycle and server-side encryption configuration with 501 Not Implemented.
 */
public final class S3ProxyServer extends ProcessServer {

    /** System property that points to the S3Proxy jar-with-dependencies, overriding the Maven repository lookup. */
    public static final String JAR_PROPERTY = "temppic.infra.s3proxy-jar";

    /** Region the store reports and clients must sign for. */
    public static final String REGION = "us-east-1";

    private final Path dataDir;
    private final StoreCredentials credentials;
    private final String bucket;

    /**
     * @param dataDir     folder for the object files ({@code blobs/}) and the properties file; kept between starts
     * @param bucket      created at start if missing
     * @param portSetting the setting that changes {@code port}, named in the error when the port is taken
     */
    public S3ProxyServer(int port, Path dataDir, Path logFile, StoreCredentials credentials, String bucket,
            String portSetting, ProcessOptions options) {
        super("S3Proxy", port, dataDir, logFile, portSetting, options);
        this.dataDir = dataDir;
        this.credentials = credentials;
        this.bucket = bucket;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public StoreCredentials credentials() {
        return credentials;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    protected void prepare() {
        locateJar();
        try {
            Files.createDirectories(dataDir.resolve("blobs"));
            Properties properties = new Properties();
            properties.setProperty("s3proxy.endpoint", endpoint());
            properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            properties.setProperty("s3proxy.identity", credentials.accessKey());
            properties.setProperty("s3proxy.credential", credentials.secretKey());
            properties.setProperty("jclouds.provider", "filesystem-nio2");
            properties.setProperty("jclouds.filesystem.basedir", dataDir.resolve("blobs").toAbsolutePath().toString());
            // S3Proxy requires these for the backend even though a filesystem backend ignores them.
            properties.setProperty("jclouds.identity", credentials.accessKey());
            properties.setProperty("jclouds.credential", credentials.secretKey());
            properties.setProperty("jclouds.region", REGION);
            writeOwnerOnly(propertiesFile(), properties);
        } catch (IOException e) {
            throw new ServerStartException("Failed to write " + propertiesFile() + ": " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, Properties properties) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "S3Proxy settings written by the TempPic local infrastructure; contains a secret");
        }
    }

    private Path propertiesFile() {
        return dataDir.resolve("s3proxy.properties").toAbsolutePath();
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // S3Proxy keeps the C2 compiler because it hashes every signed request body. With C1 only, which has no SHA
        // intrinsics, a 1 MiB PUT from the MinIO client cost it about 14 ms of CPU, and 7 ms with C2.
        command.addAll(options().tuning("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m"));
        // One IPv4 socket on 127.0.0.1 instead of an IPv6 socket with a mapped address.
        command.add("-Djava.net.preferIPv4Stack=true");
        // Silences Logback's own start-up report; S3Proxy's log lines still go to the log file.
        command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        command.addAll(options().jvmOptions());
        command.addAll(List.of("-jar", locateJar().toString(), "--properties", propertiesFile().toString()));
        return command;
    }

    /** Sends GET / without credentials; any HTTP status (S3Proxy returns 403) means the server is up. */
    @Override
    public boolean isHealthy() {
        return answersHttp(endpoint());
    }

    /** Sends GET / to {@code endpoint} and returns whether any HTTP response came back. */
    public static boolean answersHttp(String endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected void afterHealthy() {
        try {
            MinioClient client = newClient(endpoint(), credentials);
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(REGION).build());
            }
        } catch (Exception e) {
            throw new ServerStartException("S3Proxy started but creating bucket " + bucket + " failed: " + e, e);
        }
    }

    /** Creates a MinIO client for {@code endpoint} that never goes through an HTTP proxy. */
    public static MinioClient newClient(String endpoint, StoreCredentials credentials) {
        OkHttpClient http = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .build();
        return MinioClient.builder()
                .endpoint(endpoint)
                .region(REGION)
                .credentials(credentials.accessKey(), credentials.secretKey())
                .httpClient(http)
                .build();
    }

    /**
     * Returns the S3Proxy jar-with-dependencies: from system property {@value #JAR_PROPERTY}, else from the local
     * Maven repository ({@code maven.repo.local}, else {@code ~/.m2/repository}).
     */
    public static Path locateJar() {
        String explicit = System.getProperty(JAR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new ServerStartException("S3Proxy jar not found at " + jar + " (system property "
                        + JAR_PROPERTY + "). Point the property to s3proxy-" + Versions.s3proxy()
                        + "-jar-with-dependencies.jar or remove it to use the local Maven repository.");
            }
            return jar;
        }
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        String version = Versions.s3proxy();
        Path jar = Path.of(repository, "org", "gaul", "s3proxy", version,
                "s3proxy-" + version + "-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) {
            throw new ServerStartException("S3Proxy jar not found at " + jar + ". Download it with"
                    + " `mvn -pl deploy/infra dependency:resolve` from the repository root, or set system property "
                    + JAR_PROPERTY + " to its path.");
        }
        return jar;
    }
}
