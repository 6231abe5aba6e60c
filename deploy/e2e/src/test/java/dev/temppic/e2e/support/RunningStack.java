package dev.temppic.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole local stack, started with {@code deploy/local/temppic up} on free ports with its own home folder
 * ({@code TEMPPIC_HOME}), and stopped with {@code down}.
 *
 * <p>It never builds: the service jars and the launcher must already be in the modules' {@code target/} folders,
 * as {@code mvn verify} from the repository root leaves them. Class-data sharing is off, because writing the
 * archives would slow both {@code up} and {@code down} of a stack that runs once.
 *
 * <p>{@link #close()} stops the stack and then checks by PID that none of its processes is left. A JVM shutdown
 * hook runs {@code down} if the test JVM ends before {@link #close()}.
 */
public final class RunningStack implements AutoCloseable {

    /** Port variables of {@code deploy/local/temppic}, each given a free port. */
    private static final List<String> PORT_VARIABLES = List.of("TEMPPIC_GATEWAY_PORT", "TEMPPIC_UPLOAD_PORT",
            "TEMPPIC_SERVING_PORT", "TEMPPIC_EXPIRY_PORT", "TEMPPIC_KAFKA_PORT", "TEMPPIC_KAFKA_CONTROLLER_PORT",
            "TEMPPIC_REDIS_PORT", "TEMPPIC_STORE_PORT");
    private static final List<String> SERVICES = List.of("upload-service", "serving-service", "expiry-service",
            "gateway-service");
    private static final List<String> PID_FILES = List.of("kafka", "redis", "s3proxy", "upload", "serving",
            "expiry", "gateway");
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(200);

    private final Path repositoryRoot;
    private final Path home;
    private final Map<String, Integer> ports;
    private final Map<String, String> environment;
    private final Set<ProcessHandle> processes = new LinkedHashSet<>();
    private final Thread shutdownHook;
    private boolean stopped;

    private RunningStack(Path repositoryRoot, Path home, Map<String, Integer> ports) {
        this.repositoryRoot = repositoryRoot;
        this.home = home;
        this.ports = Map.copyOf(ports);
        this.environment = stackEnvironment(home, ports);
        this.shutdownHook = new Thread(this::downQuietly, "temppic-e2e-stack-down");
    }

    /**
     * Starts the stack and returns once {@code up} has reported every service ready.
     *
     * <p>The home folder is new for each run, so two runs never share pid files. NOTE: a test JVM killed with
     * SIGKILL runs no shutdown hook, so its stack keeps running. Stop it with {@code TEMPPIC_HOME=<that folder>
     * deploy/local/temppic down}.
     *
     * @param repositoryRoot the repository with built jars in its modules' {@code target/} folders
     * @param parent         folder in which the home folder {@code stack-home-*} is created; the output of
     *                       {@code up} and {@code down} goes to {@code launcher-*.log} in the home folder
     * @throws IllegalStateException if a jar is missing or {@code up} fails; everything started is stopped first
     */
    public static RunningStack start(Path repositoryRoot, Path parent) throws IOException, InterruptedException {
        requireBuilt(repositoryRoot);
        Files.createDirectories(parent);
        Path home = Files.createTempDirectory(parent.toAbsolutePath(), "stack-home-");
        RunningStack stack = new RunningStack(repositoryRoot.toAbsolutePath().normalize(),
                home.toAbsolutePath().normalize(), freePorts());
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);

        CommandResult up;
        try {
            up = stack.run("up", "launcher-up.log", UP_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.stopAfterFailedStart();
            throw e;
        }
        stack.recordProcesses();
        if (up.exitCode() != 0 || stack.processes.size() < PID_FILES.size()) {
            stack.stopAfterFailedStart();
            throw new IllegalStateException("deploy/local/temppic up failed (exit code " + up.exitCode() + ", "
                    + stack.processes.size() + " of " + PID_FILES.size() + " pid files). Its output, also in "
                    + up.log() + ":" + System.lineSeparator() + up.tail());
        }
        return stack;
    }

    /** Returns the base URI of the gateway, such as {@code http://127.0.0.1:41234}. */
    public URI gateway() {
        return URI.create("http://127.0.0.1:" + ports.get("TEMPPIC_GATEWAY_PORT"));
    }

    public URI storeEndpoint() {
        return URI.create("http://127.0.0.1:" + ports.get("TEMPPIC_STORE_PORT"));
    }

    public Path home() {
        return home;
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /** Returns the access key and secret key of the stack's S3Proxy, from {@code store-credentials} in the home. */
    public Properties storeCredentials() {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("store-credentials"))) {
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the store credentials of the stack in " + home, e);
        }
        return credentials;
    }

    /** Returns every process of the stack: the seven recorded in pid files and their descendants at start. */
    public Set<ProcessHandle> processes() {
        return Set.copyOf(processes);
    }

    /**
     * Stops the stack with {@code down}, then checks that no process it started is alive and that no port is
     * still listening.
     *
     * @throws AssertionError naming each process or port left behind; those processes are killed by PID first
     */
    @Override
    public void close() throws IOException, InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        List<String> problems = new ArrayList<>();
        try {
            CommandResult down = run("down", "launcher-down.log", DOWN_TIMEOUT);
            if (down.exitCode() != 0) {
                problems.add("deploy/local/temppic down exited with " + down.exitCode() + ":"
                        + System.lineSeparator() + down.tail());
            }
        } catch (IllegalStateException | IOException e) {
            problems.add(e.getMessage());
        } finally {
            removeShutdownHook();
        }
        for (ProcessHandle process : leftoverProcesses()) {
            problems.add("process " + process.pid() + " is still running after down: "
                    + process.info().commandLine().orElse("(command line unknown)"));
            // Only processes this stack started: recorded in its pid files, or with its home on the command line.
            process.destroyForcibly();
        }
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            if (isListening(port.getValue())) {
                problems.add(port.getKey() + "=" + port.getValue() + " is still listening after down");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The stack in " + home + " left something behind:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), problems));
        }
    }

    private static void requireBuilt(Path repositoryRoot) {
        List<Path> required = new ArrayList<>();
        for (String service : SERVICES) {
            required.add(repositoryRoot.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT.jar"));
        }
        Path infraTarget = repositoryRoot.resolve("deploy/infra/target");
        required.add(infraTarget.resolve("temppic-local-infra-0.1.0-SNAPSHOT.jar"));
        required.add(infraTarget.resolve("stack/runtime-classpath.txt"));
        required.add(infraTarget.resolve("stack/logging-classpath.txt"));
        required.add(infraTarget.resolve("stack/s3proxy-jar.txt"));
        List<Path> missing = required.stream().filter(path -> !Files.isRegularFile(path)).toList();
        if (!missing.isEmpty()) {
            // deploy/local/temppic would build them itself, which this test must not do.
            throw new IllegalStateException("Missing " + missing + ". Build them first with"
                    + " `mvn -B -DskipTests install` in " + repositoryRoot + ", or run `mvn verify` from there.");
        }
    }

    /** Returns a distinct free port for each variable, found by binding port 0 on 127.0.0.1. */
    private static Map<String, Integer> freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> openSockets = new ArrayList<>();
        try {
            // Every socket stays open until all ports are chosen, so no two variables get the same port.
            for (String variable : PORT_VARIABLES) {
                ServerSocket socket = new ServerSocket();
                openSockets.add(socket);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                ports.put(variable, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : openSockets) {
                socket.close();
            }
        }
        return ports;
    }

    /**
     * Returns this process's environment without any {@code TEMPPIC_} variable of the developer's shell, plus the
     * home folder, the free ports and the start options of this stack.
     */
    private static Map<String, String> stackEnvironment(Path home, Map<String, Integer> ports) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("TEMPPIC_"));
        environment.put("TEMPPIC_HOME", home.toString());
        ports.forEach((variable, port) -> environment.put(variable, String.valueOf(port)));
        environment.put("TEMPPIC_CDS", "off");
        environment.put("TEMPPIC_START_TIMEOUT", "240");
        return environment;
    }

    private CommandResult run(String command, String logName, Duration timeout) throws IOException,
            InterruptedException {
        Path log = home.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder("bash",
                repositoryRoot.resolve("deploy/local/temppic").toString(), command)
                .directory(repositoryRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            // The launcher JVM is this test's own child, and down stops the stack's processes afterwards.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("deploy/local/temppic " + command + " timed out after "
                    + timeout.toSeconds() + " s. Its output is in " + log);
        }
        return new CommandResult(process.exitValue(), log);
    }

    private void recordProcesses() {
        for (String name : PID_FILES) {
            Path pidFile = home.resolve("pids").resolve(name + ".pid");
            if (!Files.isRegularFile(pidFile)) {
                continue;
            }
            try {
                long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
                ProcessHandle.of(pid).ifPresent(process -> {
                    processes.add(process);
                    process.descendants().forEach(processes::add);
                });
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("Invalid pid file " + pidFile, e);
            }
        }
    }

    /** Returns recorded processes still alive, and any other process with this stack's home on its command line. */
    private List<ProcessHandle> leftoverProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (processes.stream().anyMatch(RunningStack::isRunning) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Set<ProcessHandle> leftovers = new LinkedHashSet<>();
        processes.stream().filter(RunningStack::isRunning).forEach(leftovers::add);
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(process -> process.pid() != self && isRunning(process))
                    .filter(process -> process.info().commandLine().map(line -> line.contains(home.toString()))
                            .orElse(false))
                    .forEach(leftovers::add);
        }
        return List.copyOf(leftovers);
    }

    /**
     * Returns whether {@code process} is alive and not a zombie. The stack's processes run detached, so after they
     * end, init reaps them, which can take seconds on a busy machine. Until then {@link ProcessHandle#isAlive()}
     * still returns true.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // The state follows "pid (comm) ", and comm may contain spaces and parentheses.
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    private void stopAfterFailedStart() throws IOException, InterruptedException {
        stopped = true;
        recordProcesses();
        run("down", "launcher-down.log", DOWN_TIMEOUT);
        removeShutdownHook();
        leftoverProcesses().forEach(ProcessHandle::destroyForcibly);
    }

    private void downQuietly() {
        if (stopped) {
            return;
        }
        try {
            run("down", "launcher-down-on-exit.log", DOWN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            System.err.println("Failed to stop the end-to-end stack in " + home + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook runs down itself.
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Exit code and output file of one {@code deploy/local/temppic} command. */
    private record CommandResult(int exitCode, Path log) {

        /** Returns the last 60 lines of the output. */
        String tail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60),
                        lines.size()));
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        }
    }
}
