package dev.temppic.infra.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * One Kafka node in KRaft mode, acting as broker and controller, with both listeners on 127.0.0.1.
 *
 * <p>The storage folder is formatted once with a random cluster id and a standalone controller quorum, so a
 * restart on the same folder keeps topics and offsets. At start the node creates the TempPic topics (see
 * {@link KafkaTopics}).
 *
 * <p>{@link Mode#IN_PROCESS} runs {@code kafka.server.KafkaRaftServer} inside this JVM, which starts fastest and
 * suits tests. {@link Mode#PROCESS} runs {@code kafka.Kafka} as its own JVM, as the local stack does.
 */
public final class KafkaKraftServer implements ManagedServer {

    /** Placement of the node: inside this JVM or as its own. */
    public enum Mode {
        /** Inside this JVM; {@link #pid()} is this JVM's PID. */
        IN_PROCESS,
        /** As its own JVM started with this JVM's java and a classpath that contains the Kafka jars. */
        PROCESS
    }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaKraftServer.class);
    private static final int NODE_ID = 1;

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path logFile;
    private final Mode mode;
    private final String portSetting;
    private final String controllerPortSetting;
    private final ProcessOptions options;
    private final String classpath;

    private KafkaRaftServer inProcessServer;
    private BrokerProcess brokerProcess;

    /**
     * @param port                  PLAINTEXT listener for clients
     * @param controllerPort        CONTROLLER listener for the KRaft quorum
     * @param dataDir               folder for the log segments, metadata log and server.properties
     * @param logFile               the broker's log file in {@link Mode#PROCESS}; unused in-process
     * @param portSetting           setting that changes {@code port}, named in the error when it is taken
     * @param controllerPortSetting setting that changes {@code controllerPort}, likewise
     * @param classpath             classpath of the broker JVM in {@link Mode#PROCESS}; must contain
     *                              kafka_2.13 and its runtime dependencies
     */
    public KafkaKraftServer(int port, int controllerPort, Path dataDir, Path logFile, Mode mode,
            String portSetting, String controllerPortSetting, ProcessOptions options, String classpath) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.mode = mode;
        this.portSetting = portSetting;
        this.controllerPortSetting = controllerPortSetting;
        this.options = options;
        this.classpath = classpath;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Mode mode() {
        return mode;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized long pid() {
        if (brokerProcess != null) {
            return brokerProcess.pid();
        }
        return inProcessServer != null ? ProcessHandle.current().pid() : -1;
    }

    @Override
    public Path logFile() {
        return mode == Mode.PROCESS ? logFile : null;
    }

    /** Returns the broker's own JVM in {@link Mode#PROCESS} while it runs, else null. */
    public synchronized ProcessServer brokerProcess() {
        return brokerProcess;
    }

    @Override
    public synchronized boolean isRunning() {
        return inProcessServer != null || (brokerProcess != null && brokerProcess.isRunning());
    }

    /** Returns whether the client listener accepts connections and the node returns its cluster metadata. */
    @Override
    public boolean isHealthy() {
        return Ports.isListening(port) && KafkaTopics.describeCluster(bootstrapServers(), Duration.ofSeconds(2));
    }

    @Override
    public void start() {
        BrokerProcess process;
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException("Kafka is already running on port " + port);
            }
            if (mode == Mode.IN_PROCESS) {
                // NOTE: holds the lock for the whole in-process start, so a stop() from a shutdown hook waits
                // until the start has finished or failed.
                startInProcess();
                return;
            }
            process = new BrokerProcess();
            brokerProcess = process;
        }
        // Outside the lock, so that stop() can end a broker JVM that is still starting (see ProcessServer).
        try {
            process.start();
        } catch (RuntimeException e) {
            synchronized (this) {
                if (brokerProcess == process) {
                    brokerProcess = null;
                }
            }
            throw e;
        }
    }

    private void startInProcess() {
        Ports.requireFree(port, name(), portSetting);
        Ports.requireFree(controllerPort, name() + " (controller listener)", controllerPortSetting);
        long startNanos = System.nanoTime();
        Path configFile = writeConfig();
        formatStorageIfNeeded(configFile);
        try {
            Properties properties = loadProperties(configFile);
            ShutdownHooks.register(this);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
            inProcessServer = server;
            server.startup();
            awaitHealthyAndCreateTopics(startNanos);
        } catch (RuntimeException e) {
            stop();
            throw e instanceof ServerStartException ? e
                    : new ServerStartException("In-process Kafka failed to start on port " + port + ": " + e, e);
        }
        LOG.info("Started Kafka on 127.0.0.1:{} (controller {}, in-process, pid {}) in {} ms", port,
                controllerPort, ProcessHandle.current().pid(), ProcessServer.millisSince(startNanos));
    }

    private void awaitHealthyAndCreateTopics(long startNanos) {
        long deadline = startNanos + options.startTimeout().toNanos();
        while (!isHealthy()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ServerStartException("In-process Kafka on port " + port
                        + " did not pass its health check within " + options.startTimeout().toSeconds() + " s");
            }
            ProcessServer.sleep(Duration.ofMillis(200));
        }
        Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(5).toNanos()));
        KafkaTopics.ensureTopics(bootstrapServers(), remaining);
    }

    @Override
    public synchronized void stop() {
        if (brokerProcess != null) {
            brokerProcess.stop();
            brokerProcess = null;
            return;
        }
        KafkaRaftServer server = inProcessServer;
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        inProcessServer = null;
        ShutdownHooks.unregister(this);
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Stopped Kafka on 127.0.0.1:{} (in-process, pid {}) in {} ms", port,
                ProcessHandle.current().pid(), ProcessServer.millisSince(startNanos));
    }

    /** Forgets the broker JVM without stopping it (see {@link ProcessServer#release()}). */
    public synchronized ManagedProcess release() {
        if (brokerProcess == null) {
            throw new IllegalStateException("Only a Kafka node in PROCESS mode can be released");
        }
        ManagedProcess process = brokerProcess.release();
        brokerProcess = null;
        return process;
    }

    /** Writes server.properties into the data folder and returns its path. */
    Path writeConfig() {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", String.valueOf(NODE_ID));
        properties.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");

        properties.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        // A single node cannot hold more than one replica of the internal topics.
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "6");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("default.replication.factor", "1");
        properties.setProperty("min.insync.replicas", "1");

        // Consumers join at once instead of after the default 3 s, which shortens every test that consumes.
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        // Two cores: the defaults (3 network, 8 I/O threads) only add memory here.
        properties.setProperty("num.network.threads", "2");
        properties.setProperty("num.io.threads", "2");
        properties.setProperty("num.recovery.threads.per.data.dir", "1");
        properties.setProperty("log.cleaner.threads", "1");
        properties.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));

        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path configFile = dataDir.resolve("server.properties").toAbsolutePath();
            try (OutputStream out = Files.newOutputStream(configFile)) {
                properties.store(out, "Written by the TempPic local infrastructure");
            }
            return configFile;
        } catch (IOException e) {
            throw new ServerStartException("Failed to write Kafka settings to " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Formats the storage folder with a new cluster id unless an earlier start already did. */
    void formatStorageIfNeeded(Path configFile) {
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // execute(), unlike main(), returns the exit code instead of ending the JVM.
            exitCode = StorageTool.execute(new String[] {
                "format", "--cluster-id", clusterId, "--config", configFile.toString(), "--standalone"
            }, printStream);
        }
        if (exitCode != 0) {
            throw new ServerStartException("Formatting Kafka storage in " + dataDir + " failed with exit code "
                    + exitCode + ": " + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static Properties loadProperties(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ServerStartException("Failed to read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** The broker's own JVM. */
    private final class BrokerProcess extends ProcessServer {

        private Path configFile;

        BrokerProcess() {
            super("Kafka", port, dataDir, logFile, portSetting, options);
        }

        @Override
        protected Map<Integer, String> extraPorts() {
            return Map.of(controllerPort, controllerPortSetting);
        }

        @Override
        protected void prepare() {
            configFile = writeConfig();
            formatStorageIfNeeded(configFile);
            writeLoggingConfig();
        }

        @Override
        protected List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(options().tuning("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xss512k", "-XX:MaxDirectMemorySize=64m"));
            command.addAll(List.of(
                    "-Djava.net.preferIPv4Stack=true",
                    "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties").toAbsolutePath(),
                    "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml").toAbsolutePath()));
            command.addAll(options().jvmOptions());
            command.addAll(List.of("-cp", classpath, "kafka.Kafka", configFile.toString()));
            return command;
        }

        @Override
        public boolean isHealthy() {
            return KafkaKraftServer.this.isHealthy();
        }

        @Override
        protected void afterHealthy() {
            KafkaTopics.ensureTopics(bootstrapServers(), options().startTimeout());
        }

        /**
         * Writes a console logging setup for whichever SLF4J provider the broker classpath has: Log4j 2 (the
         * local stack, as in the Kafka distribution) or Logback (a service's test classpath).
         */
        private void writeLoggingConfig() {
            String log4j = String.join("\n",
                    "status = warn",
                    "appender.console.type = Console",
                    "appender.console.name = STDOUT",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.stdout.ref = STDOUT",
                    "");
            String logback = String.join("\n",
                    "<configuration>",
                    "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                    "    <encoder><pattern>[%d] %level %msg \\(%logger\\)%n</pattern></encoder>",
                    "  </appender>",
                    "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
                    "</configuration>",
                    "");
            try {
                Files.writeString(dataDir.resolve("log4j2.properties"), log4j, StandardCharsets.UTF_8);
                Files.writeString(dataDir.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ServerStartException("Failed to write Kafka logging settings to " + dataDir, e);
            }
        }
    }

    /** Returns the classpath of this JVM, which contains the Kafka jars whenever this class could load. */
    public static String currentClasspath() {
        return ManagementFactory.getRuntimeMXBean().getClassPath();
    }
}
