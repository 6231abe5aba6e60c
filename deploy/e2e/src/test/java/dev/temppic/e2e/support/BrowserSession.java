package dev.temppic.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through {@code /usr/bin/chromedriver}, with a new empty profile. Host names
 * resolve to nothing except 127.0.0.1, and background networking is off, so the browser reaches only the stack.
 */
public final class BrowserSession implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path screenshots;
    private final Path profile;

    private BrowserSession(ChromeDriver driver, Path screenshots, Path profile) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        this.screenshots = screenshots;
        this.profile = profile;
    }

    /** Skips the calling test, with the reason in the report, when Chromium or ChromeDriver is missing. */
    public static void assumeChromiumInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: it needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install -y chromium chromium-driver)");
    }

    /**
     * Starts Chromium with its profile in a new folder under {@code workFolder}.
     *
     * @param userAgent the {@code User-Agent} the browser sends, so the privacy check can look for it
     */
    public static BrowserSession start(Path workFolder, Path screenshots, String userAgent) throws IOException {
        Files.createDirectories(screenshots);
        Files.createDirectories(workFolder);
        Path profile = Files.createTempDirectory(workFolder.toAbsolutePath(), "chromium-profile-");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile, "--window-size=1200,1000", "--user-agent=" + userAgent);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new BrowserSession(new ChromeDriver(service, options), screenshots, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    /** Saves a screenshot of the viewport as {@code NAME.png} in the screenshot folder. */
    public void screenshot(String name) throws IOException {
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Fails on console messages at level SEVERE since the last call, which include Content-Security-Policy
     * violations, failed script loads and uncaught errors. Reading the log empties it.
     */
    public void assertNoConsoleErrors(String page) {
        List<String> errors = consoleErrors();
        assertThat(errors).as("console errors on %s", page).isEmpty();
    }

    /** Returns the console messages at level SEVERE since the last call, and clears them. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Quits Chromium and ChromeDriver, checks that no process with this session's profile folder on its command
     * line is left, and deletes the profile folder.
     *
     * @throws AssertionError naming each such process; they are killed by PID first
     */
    @Override
    public void close() throws InterruptedException, IOException {
        driver.quit();
        List<ProcessHandle> left = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            if (!left.isEmpty()) {
                Thread.sleep(200);
            }
            try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
                left = all.filter(process -> process.info().commandLine()
                        .map(line -> line.contains(profile.toString())).orElse(false)).toList();
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        if (!left.isEmpty()) {
            List<String> described = left.stream()
                    .map(process -> process.pid() + " " + process.info().command().orElse("?")).toList();
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("Chromium processes still running after quit: " + described);
        }
        deleteRecursively(profile);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
