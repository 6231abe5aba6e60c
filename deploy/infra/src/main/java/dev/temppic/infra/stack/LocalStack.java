package dev.temppic.infra.stack;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.temppic.infra.LocalInfra;
import dev.temppic.infra.LocalInfraSettings;
import dev.temppic.infra.PortSpec;
import dev.temppic.infra.server.KafkaKraftServer;
import dev.temppic.infra.server.KafkaTopics;
import dev.temppic.infra.server.ManagedProcess;
import dev.temppic.infra.server.PortInUseException;
import dev.temppic.infra.server.Ports;
import dev.temppic.infra.server.ProcessOptions;
import dev.temppic.infra.server.RedisServer;
import dev.temppic.infra.server.S3ProxyServer;
import dev.temppic.infra.server.ServerStartException;
import dev.temppic.infra.server.StoreCredentials;
import dev.temppic.model.keys.StoreNames;

/**
 * The whole TempPic system on one machine: {@code up}, {@code down} and {@code status}, run by
 * {@code deploy/local/temppic}.
 *
 * <p>{@code up} starts Kafka, Redis and S3Proxy, creates the topics and the bucket, starts the four services
 * with {@code java -jar}, and returns once every service reports readiness. The processes keep running after it
 * returns; their PIDs are in {@code pids/} of the home folder ({@code .temppic/} unless {@code TEMPPIC_HOME} is
 * set). If any piece fails, {@code up} names it and its log, and stops everything it started.
 */
public final class LocalStack {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration ARCHIVE_STOP_GRACE = Duration.ofSeconds(180);
    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: deploy/local/temppic COMMAND [--build] [--infra-only] [--tls]",
            "",
            "Commands:",
            "  up        start Kafka, Redis, S3Proxy and the four services; wait until all are ready",
            "  down      stop every process that up started, services first",
            "  status    show each process with its PID, port and health",
            "",
            "Options of up:",
            "  --build       run `mvn -q -B -DskipTests install` first, even if the jars exist",
            "  --infra-only  start only Kafka, Redis and S3Proxy (for running a service from an IDE)",
            "  --tls         serve HTTPS from the gateway with a self-signed certificate in tls/ of the home folder,",
            "                generated on first use; plain HTTP on TEMPPIC_GATEWAY_PORT redirects to it",
            "",
            "Ports (environment variables, defaults in brackets): TEMPPIC_KAFKA_PORT [9092],",
            "TEMPPIC_KAFKA_CONTROLLER_PORT [9093], TEMPPIC_REDIS_PORT [6379], TEMPPIC_STORE_PORT [9000],",
            "TEMPPIC_GATEWAY_PORT [8080], TEMPPIC_UPLOAD_PORT [8081], TEMPPIC_SERVING_PORT [8082],",
            "TEMPPIC_EXPIRY_PORT [8083], TEMPPIC_GATEWAY_HTTPS_PORT [8443] (with --tls). TEMPPIC_TLS=on is the same",
            "as --tls. TEMPPIC_START_TIMEOUT sets the seconds each service gets to become",
            "ready [180]. TEMPPIC_JVM_TUNING=off and TEMPPIC_CDS=off turn off the JVM flags and the class-data",
            "sharing archives. TEMPPIC_SERVICE_JAVA_OPTS adds JVM options to every service. TEMPPIC_HOME sets",
            "the folder for logs, data, PIDs and secrets [.temppic at the repository root].");

    private final StackLayout layout;
    private final PrintStream out;

    LocalStack(StackLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            exitCode = 2;
        } catch (RuntimeException e) {
            // Failures with a message of their own (a missing jar, an unreadable key file) need no stack trace.
            System.err.println("Error: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /**
     * Runs one command and returns the exit code: 0 on success, 1 if a piece failed or (for status) is not up,
     * 2 for invalid usage or settings.
     */
    static int run(String[] args, PrintStream out) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (arguments.isEmpty() || arguments.contains("-h") || arguments.contains("--help")) {
            out.println(USAGE);
            return arguments.isEmpty() ? 2 : 0;
        }
        String command = arguments.remove(0);
        boolean infraOnly = arguments.remove("--infra-only");
        // status and down take the TLS mode from the state file that up wrote, so only up uses this flag.
        boolean tls = arguments.remove("--tls");
        // The shell script handles --build before this class runs.
        arguments.remove("--build");
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("Unknown option " + arguments.get(0) + System.lineSeparator() + USAGE);
        }
        Path root = Path.of(System.getProperty("temppic.stack.root", "."));
        LocalStack stack = new LocalStack(StackLayout.fromEnvironment(root, System.getenv()), out);
        StackSettings settings = StackSettings.fromEnvironment(System.getenv());
        if (tls) {
            settings = settings.withTls();
        }
        return switch (command) {
            case "up" -> stack.up(settings, infraOnly);
            case "down" -> stack.down();
            case "status" -> stack.status(settings);
            default -> throw new IllegalArgumentException("Unknown command " + command + System.lineSeparator()
                    + USAGE);
        };
    }

    int up(StackSettings settings, boolean infraOnly) {
        layout.createDirectories();
        List<StackComponent> requested = infraOnly ? StackComponent.infrastructure() : List.of(StackComponent.values());

        Map<StackComponent, ProcessHandle> running = runningProcesses();
        if (!running.isEmpty()) {
            if (running.keySet().containsAll(requested)) {
                out.println("The TempPic stack is already running.");
                StackSettings recorded = settings.withRecordedState(layout.stateFile());
                status(recorded);
                if (recorded.tls() != settings.tls() && !infraOnly) {
                    out.println("It runs " + (recorded.tls() ? "with" : "without") + " TLS. To change that, run"
                            + " `deploy/local/temppic down`, then `up` " + (settings.tls() ? "with" : "without")
                            + " --tls.");
                }
                return 0;
            }
            out.println("The TempPic stack is partly running (" + names(running.keySet())
                    + "). Run `deploy/local/temppic down` first, then `up` again.");
            return 1;
        }

        try {
            checkPortsFree(settings, requested);
        } catch (PortInUseException e) {
            out.println(e.getMessage());
            return 1;
        }
        Map<StackComponent, Path> jars = new EnumMap<>(StackComponent.class);
        for (StackComponent service : requested) {
            if (service.isService()) {
                jars.put(service, serviceJar(service));
            }
        }

        String masterKey = StackSecrets.masterKey(layout.masterKeyFile());
        StoreCredentials credentials = StackSecrets.storeCredentials(layout.storeCredentialsFile());
        GatewayTls tls = settings.tls() && jars.containsKey(StackComponent.GATEWAY)
                ? GatewayTls.prepare(layout.tls(), out) : null;
        settings.record(layout.stateFile());
        ClassDataSharing classDataSharing = settings.classDataSharing() ? new ClassDataSharing(layout.cds()) : null;

        LocalInfra infra;
        try {
            infra = LocalInfra.start(infraSettings(settings, credentials, classDataSharing));
        } catch (ServerStartException e) {
            out.println("Failed to start the infrastructure: " + e.getMessage());
            out.println("Stopped everything that had started.");
            return 1;
        }
        PidFiles.write(layout.pidFile(StackComponent.KAFKA), infra.kafka().pid());
        PidFiles.write(layout.pidFile(StackComponent.REDIS), infra.redis().pid());
        PidFiles.write(layout.pidFile(StackComponent.STORE), infra.store().pid());

        List<ServiceProcess> services = new ArrayList<>();
        for (Map.Entry<StackComponent, Path> entry : jars.entrySet()) {
            services.add(newService(entry.getKey(), entry.getValue(), settings, masterKey, credentials,
                    classDataSharing, tls));
        }
        Optional<RuntimeException> failure = startAll(services);
        if (failure.isPresent()) {
            out.println(failure.get().getMessage());
            stopAfterFailure(services, infra);
            return 1;
        }

        // From here on the processes belong to the pid files, not to this JVM.
        infra.kafka().release();
        infra.redis().release();
        infra.store().release();
        services.forEach(ServiceProcess::release);

        long startedMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("TempPic stack ready in %.1f s.%n", (System.currentTimeMillis() - startedMillis) / 1000.0);
        status(settings);
        if (!infraOnly) {
            out.println();
            if (tls == null) {
                out.println("Open http://127.0.0.1:" + settings.port(StackComponent.GATEWAY) + "/");
            } else {
                printHttpsHint(settings, tls);
            }
        }
        return 0;
    }

    private void printHttpsHint(StackSettings settings, GatewayTls tls) {
        out.println("Open https://127.0.0.1:" + settings.serverPort(StackComponent.GATEWAY) + "/");
        out.println("The certificate is self-signed, so browsers warn about it until you trust " + tls.certificatePem()
                + " (import it as an authority, for local use only).");
        out.println("With curl: curl --cacert " + tls.certificatePem() + " https://127.0.0.1:"
                + settings.serverPort(StackComponent.GATEWAY) + "/");
        out.println("Plain HTTP on port " + settings.port(StackComponent.GATEWAY) + " redirects to HTTPS with 308.");
    }

    int down() {
        List<StackComponent> recorded = new ArrayList<>();
        for (StackComponent component : StackComponent.stopOrder()) {
            if (PidFiles.read(layout.pidFile(component)).isPresent()) {
                recorded.add(component);
            }
        }
        if (recorded.isEmpty()) {
            out.println("The TempPic stack is not running.");
            return 0;
        }
        // The gateway stops first, so no new request reaches a service that is stopping. The infrastructure stops
        // last, so the services can close their connections cleanly.
        stopTogether(recorded, List.of(StackComponent.GATEWAY));
        stopTogether(recorded, List.of(StackComponent.UPLOAD, StackComponent.SERVING, StackComponent.EXPIRY));
        stopTogether(recorded, StackComponent.infrastructure());
        return 0;
    }

    private void stopTogether(List<StackComponent> recorded, List<StackComponent> group) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (StackComponent component : group) {
            if (recorded.contains(component)) {
                stops.add(CompletableFuture.runAsync(() -> stop(component)));
            }
        }
        stops.forEach(CompletableFuture::join);
    }

    private void stop(StackComponent component) {
        Path pidFile = layout.pidFile(component);
        long recordedPid = PidFiles.read(pidFile).orElse(-1);
        Optional<ProcessHandle> process = PidFiles.ownProcess(pidFile, layout.home());
        if (process.isEmpty()) {
            out.println(component.displayName() + " was not running (pid " + recordedPid
                    + " has ended or belongs to another program); removed its pid file.");
            PidFiles.delete(pidFile);
            return;
        }
        // A JVM started with -XX:ArchiveClassesAtExit writes its archive after its own shutdown. That took up to
        // 20 s per service on a busy 2-core machine, and a kill during it loses the archive.
        boolean writesArchive = ManagedProcess.archiveAtExit(process.get()).isPresent();
        Duration grace = writesArchive ? ARCHIVE_STOP_GRACE : STOP_GRACE;
        if (writesArchive) {
            LOG.info("Stopping {} (pid {}); it writes its class-data sharing archive first, which takes up to {} s"
                    + " once", component.displayName(), process.get().pid(), grace.toSeconds());
        }
        long startNanos = System.nanoTime();
        boolean graceful = ManagedProcess.stopTree(process.get(), grace);
        PidFiles.delete(pidFile);
        LOG.info("Stopped {} (pid {}) in {} ms{}", component.displayName(), process.get().pid(),
                (System.nanoTime() - startNanos) / 1_000_000, graceful ? "" : " after SIGKILL");
    }

    int status(StackSettings environmentSettings) {
        StackSettings settings = environmentSettings.withRecordedState(layout.stateFile());
        Optional<SSLContext> gatewayTrust = settings.tls() ? gatewayTrust() : Optional.empty();
        out.printf("%-16s %-8s %-6s %-10s %s%n", "PROCESS", "PID", "PORT", "STATE", "LOG");
        boolean allUp = true;
        boolean anyRunning = false;
        for (StackComponent component : StackComponent.values()) {
            Optional<ProcessHandle> process = PidFiles.ownProcess(layout.pidFile(component), layout.home());
            int port = settings.serverPort(component);
            String state;
            if (process.isEmpty()) {
                state = "stopped";
                allUp = false;
            } else {
                anyRunning = true;
                state = isHealthy(component, port, settings, gatewayTrust) ? "up" : "not ready";
                allUp &= state.equals("up");
            }
            out.printf("%-16s %-8s %-6d %-10s %s%n", component.displayName(),
                    process.map(handle -> String.valueOf(handle.pid())).orElse("-"), port, state,
                    layout.display(layout.log(component)));
        }
        if (!anyRunning) {
            out.println("The TempPic stack is not running. Start it with `deploy/local/temppic up`.");
        } else if (settings.tls()) {
            out.println("gateway-service serves HTTPS on port " + settings.serverPort(StackComponent.GATEWAY)
                    + "; plain HTTP on port " + settings.port(StackComponent.GATEWAY) + " redirects to it.");
        }
        return allUp ? 0 : 1;
    }

    /** Returns a TLS context that trusts only the stack's gateway certificate, or empty if it cannot be read. */
    private Optional<SSLContext> gatewayTrust() {
        try {
            return Optional.of(GatewayTls.load(layout.tls()).trustingOnlyThisCertificate());
        } catch (IllegalStateException | UncheckedIOException e) {
            out.println("Failed to load the gateway certificate for the HTTPS check: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isHealthy(StackComponent component, int port, StackSettings settings,
            Optional<SSLContext> gatewayTrust) {
        return switch (component) {
            case KAFKA -> Ports.isListening(port)
                    && KafkaTopics.describeCluster("127.0.0.1:" + port, Duration.ofSeconds(3));
            case REDIS -> RedisServer.ping(Ports.LOOPBACK, port);
            case STORE -> S3ProxyServer.answersHttp("http://127.0.0.1:" + port);
            case GATEWAY -> settings.tls()
                    ? gatewayTrust.map(trust -> ServiceProcess.isReady(port, trust)).orElse(false)
                    : ServiceProcess.isReady(port, null);
            default -> ServiceProcess.isReady(port, null);
        };
    }

    /** Returns the processes recorded in pid files that are still ours, and removes the pid files of the rest. */
    private Map<StackComponent, ProcessHandle> runningProcesses() {
        Map<StackComponent, ProcessHandle> running = new EnumMap<>(StackComponent.class);
        for (StackComponent component : StackComponent.values()) {
            Path pidFile = layout.pidFile(component);
            Optional<ProcessHandle> process = PidFiles.ownProcess(pidFile, layout.home());
            if (process.isPresent()) {
                running.put(component, process.get());
            } else {
                PidFiles.delete(pidFile);
            }
        }
        return running;
    }

    private static void checkPortsFree(StackSettings settings, List<StackComponent> components) {
        for (StackComponent component : components) {
            Ports.requireFree(settings.port(component), component.displayName(), component.portVariable());
            if (component == StackComponent.GATEWAY && settings.tls()) {
                Ports.requireFree(settings.gatewayHttpsPort(), "gateway-service (HTTPS)",
                        StackSettings.GATEWAY_HTTPS_PORT_VARIABLE);
            }
        }
        Ports.requireFree(settings.kafkaControllerPort(), "Kafka (controller listener)",
                StackComponent.KAFKA_CONTROLLER_PORT_VARIABLE);
    }

    private Path serviceJar(StackComponent service) {
        return layout.repositoryRoot().resolve(service.module()).resolve("target")
                .resolve(service.module() + "-0.1.0-SNAPSHOT.jar");
    }

    private LocalInfraSettings infraSettings(StackSettings settings, StoreCredentials credentials,
            ClassDataSharing classDataSharing) {
        String kafkaClasspath = KafkaKraftServer.currentClasspath();
        List<String> kafkaCds = classDataSharing == null ? List.of()
                : classDataSharing.jvmOptions("kafka", Arrays.stream(kafkaClasspath.split(java.io.File.pathSeparator))
                        .map(Path::of).toList());
        List<String> storeCds = classDataSharing == null ? List.of()
                : classDataSharing.jvmOptions("s3proxy", List.of(S3ProxyServer.locateJar()));
        return new LocalInfraSettings(
                layout.data(),
                layout.logs(),
                new PortSpec(settings.port(StackComponent.KAFKA), StackComponent.KAFKA.portVariable()),
                new PortSpec(settings.kafkaControllerPort(), StackComponent.KAFKA_CONTROLLER_PORT_VARIABLE),
                new PortSpec(settings.port(StackComponent.REDIS), StackComponent.REDIS.portVariable()),
                new PortSpec(settings.port(StackComponent.STORE), StackComponent.STORE.portVariable()),
                KafkaKraftServer.Mode.PROCESS,
                kafkaClasspath,
                credentials,
                StoreNames.BUCKET,
                processOptions(settings, settings.infrastructureStartTimeout(), kafkaCds),
                processOptions(settings, settings.infrastructureStartTimeout(), List.of()),
                processOptions(settings, settings.infrastructureStartTimeout(), storeCds));
    }

    private ProcessOptions processOptions(StackSettings settings, Duration timeout, List<String> jvmOptions) {
        // The infrastructure JVMs carry no secret on their command line, so the home marker goes there plainly.
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-D" + ServiceProcess.HOME_MARKER_PROPERTY + "=" + layout.home());
        return new ProcessOptions(timeout, true, settings.tuned(), options);
    }

    ServiceProcess newService(StackComponent service, Path jar, StackSettings settings, String masterKey,
            StoreCredentials credentials, ClassDataSharing classDataSharing, GatewayTls tls) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + settings.port(StackComponent.KAFKA),
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + settings.port(StackComponent.REDIS),
                // Readiness and liveness groups exist without this only on Kubernetes and Cloud Foundry.
                "--management.endpoint.health.probes.enabled=true"));
        Map<String, String> environment = new LinkedHashMap<>();
        if (service != StackComponent.GATEWAY) {
            arguments.add("--temppic.store.endpoint=http://127.0.0.1:" + settings.port(StackComponent.STORE));
            arguments.add("--temppic.store.access-key=" + credentials.accessKey());
            arguments.add("--temppic.store.bucket=" + StoreNames.BUCKET);
            // Spring Boot binds TEMPPIC_STORE_SECRET_KEY to temppic.store.secret-key. Unlike an argument, an
            // environment variable is not visible to other users through ps.
            environment.put("TEMPPIC_STORE_SECRET_KEY", credentials.secretKey());
        }
        if (service == StackComponent.UPLOAD || service == StackComponent.SERVING) {
            environment.put("TEMPPIC_CRYPTO_MASTER_KEY", masterKey);
        }
        if (service == StackComponent.EXPIRY) {
            // The audit trail is kept with the stack's other logs, not in the working directory.
            environment.put("TEMPPIC_AUDIT_DIRECTORY", layout.logs().resolve("audit").toString());
        }
        ServiceProcess.Https https = null;
        if (service == StackComponent.GATEWAY && tls != null) {
            arguments.addAll(GatewayTls.gatewayArguments(settings.gatewayHttpsPort(),
                    settings.port(StackComponent.GATEWAY)));
            environment.putAll(tls.gatewayEnvironment());
            https = new ServiceProcess.Https(settings.port(StackComponent.GATEWAY),
                    StackComponent.GATEWAY.portVariable(), tls.trustingOnlyThisCertificate());
        } else {
            arguments.add(0, "--server.port=" + settings.port(service));
        }
        if (service == StackComponent.GATEWAY) {
            arguments.add("--temppic.gateway.upload-uri=http://127.0.0.1:" + settings.port(StackComponent.UPLOAD));
            arguments.add("--temppic.gateway.serving-uri=http://127.0.0.1:"
                    + settings.port(StackComponent.SERVING));
        }
        List<String> extraJvmOptions = splitOptions(System.getenv("TEMPPIC_SERVICE_JAVA_OPTS"));
        // upload-service streams images through temporary files and never decodes pixels, but it runs the
        // most work per request (parsing, inflating PNG data, encryption), so it gets some headroom.
        String maxHeap = service == StackComponent.UPLOAD ? "384m" : "256m";
        return new ServiceProcess(service, settings.serverPort(service), jar, arguments, environment, maxHeap, layout,
                new ProcessOptions(settings.serviceStartTimeout(), true, settings.tuned(), extraJvmOptions),
                classDataSharing, https);
    }

    private static List<String> splitOptions(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /**
     * Starts the services in parallel, records each PID as soon as its process exists, and returns the first
     * failure, after which the others stop waiting.
     */
    private Optional<RuntimeException> startAll(List<ServiceProcess> services) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (ServiceProcess service : services) {
            starts.add(CompletableFuture.runAsync(service::start, runnable -> {
                Thread thread = new Thread(runnable, "temppic-start-" + service.name());
                thread.setDaemon(true);
                thread.start();
            }).whenComplete((ignored, error) -> {
                if (error != null) {
                    services.forEach(ServiceProcess::abortStart);
                }
            }));
        }
        recordPidsWhileStarting(services, starts);
        RuntimeException failure = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                        ? runtime : new IllegalStateException(e.getCause());
                // Report the first real failure, not one of the aborts that it caused.
                if (failure == null || failure.getMessage().contains("was aborted")) {
                    failure = cause;
                }
            }
        }
        return Optional.ofNullable(failure);
    }

    /** Writes each service's pid file once its process exists, so that down can stop it if this JVM dies. */
    private void recordPidsWhileStarting(List<ServiceProcess> services, List<CompletableFuture<Void>> starts) {
        Map<ServiceProcess, Boolean> recorded = new LinkedHashMap<>();
        CompletableFuture<Void> all = CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new));
        while (true) {
            for (ServiceProcess service : services) {
                if (!recorded.containsKey(service) && service.pid() > 0) {
                    PidFiles.write(layout.pidFile(component(service)), service.pid());
                    recorded.put(service, true);
                }
            }
            if (all.isDone()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static StackComponent component(ServiceProcess service) {
        for (StackComponent component : StackComponent.services()) {
            if (component.displayName().equals(service.name())) {
                return component;
            }
        }
        throw new IllegalStateException("Unknown service " + service.name());
    }

    private void stopAfterFailure(List<ServiceProcess> services, LocalInfra infra) {
        for (ServiceProcess service : services) {
            service.stop();
            PidFiles.delete(layout.pidFile(component(service)));
        }
        infra.close();
        for (StackComponent component : StackComponent.infrastructure()) {
            PidFiles.delete(layout.pidFile(component));
        }
        out.println("Stopped everything that had started. Logs are in " + layout.display(layout.logs()) + "/.");
    }

    private static String names(Iterable<StackComponent> components) {
        List<String> names = new ArrayList<>();
        components.forEach(component -> names.add(component.displayName()));
        return String.join(", ", names);
    }
}
