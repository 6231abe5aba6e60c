package dev.temppic.gateway;

import dev.temppic.gateway.support.BackendStandIns;
import dev.temppic.gateway.support.StandInServer;
import dev.temppic.gateway.support.StandInServer.Recorded;
import dev.temppic.gateway.support.TestImages;
import dev.temppic.infra.junit.TempPicInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static dev.temppic.gateway.support.BackendStandIns.BURN_ID;
import static dev.temppic.gateway.support.BackendStandIns.DELETE_TOKEN;
import static dev.temppic.gateway.support.BackendStandIns.IMAGE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web client in real headless Chromium, served by the gateway in front of stand-in services. Screenshots of each
 * step go to {@code target/browser-screenshots/}.
 *
 * <p>Skipped, with the reason in the report, when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is
 * missing (Debian: {@code apt-get install -y chromium chromium-driver}).
 */
@ExtendWith(TempPicInfraExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebClientBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    static final byte[] PNG = TestImages.png(64, 48);
    static final StandInServer UPLOAD = BackendStandIns.uploadService("http://127.0.0.1");
    static final StandInServer SERVING = BackendStandIns.servingService(PNG, 64, 48);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BackendStandIns.registerGatewayProperties(registry, UPLOAD, SERVING);
    }

    @LocalServerPort
    int port;

    ChromeDriver driver;
    WebDriverWait wait;
    Path imageFile;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: headless Chromium test needs /usr/bin/chromium and /usr/bin/chromedriver"
                        + " (apt-get install -y chromium chromium-driver)");
    }

    @AfterAll
    static void stopStandIns() {
        UPLOAD.close();
        SERVING.close();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
        imageFile = Files.write(Files.createTempFile(Path.of("target").toAbsolutePath(), "test-image-", ".png"), PNG);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile, "--window-size=1200,1000");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        UPLOAD.clear();
        SERVING.clear();
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void uploadHistoryDeleteAndClear() throws IOException {
        driver.get(url("/"));
        screenshot("01-upload-page");

        driver.findElement(By.cssSelector("label[for='life-3600']")).click();
        driver.findElement(By.id("file-input")).sendKeys(imageFile.toString());

        WebElement result = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".result .links")));
        List<String> links = result.findElements(By.cssSelector("input")).stream()
                .map(input -> input.getDomProperty("value")).toList();
        String direct = url("/i/" + IMAGE_ID + ".png");
        assertThat(links).containsExactly(direct, url("/v/" + IMAGE_ID), "![image](" + direct + ")",
                "<img src=\"" + direct + "\" alt=\"\">", "[img]" + direct + "[/img]");
        assertThat(driver.findElement(By.cssSelector(".result .done")).getText()).startsWith("Uploaded.");
        screenshot("02-upload-result");

        Recorded upload = UPLOAD.requestsTo("/api/images").get(0);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.query()).isEqualTo("expiresIn=3600");
        assertThat(upload.header("Content-Type")).startsWith("multipart/form-data");
        assertThat(upload.bodyBytes()).isGreaterThan(PNG.length);

        WebElement entry = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history-item")));
        assertThat(entry.findElement(By.cssSelector("img.thumb")).getDomProperty("src"))
                .startsWith("data:image/jpeg");
        assertThat(entry.getText()).contains("Deletes itself in").contains("64 × 48");

        driver.navigate().refresh();
        WebElement reloaded = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history-item")));
        assertThat(reloaded.getDomAttribute("data-id")).isEqualTo(IMAGE_ID);
        assertThat(driver.findElement(By.id("history-empty")).isDisplayed()).isFalse();
        screenshot("03-history-after-reload");

        reloaded.findElement(By.cssSelector("button.danger")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".history-item"), 0));
        Recorded delete = UPLOAD.requests().stream().filter(request -> request.method().equals("DELETE"))
                .findFirst().orElseThrow();
        assertThat(delete.path()).isEqualTo("/api/images/" + IMAGE_ID);
        assertThat(delete.header("X-Delete-Token")).isEqualTo(DELETE_TOKEN);
        assertThat(driver.findElement(By.id("history-empty")).isDisplayed()).isTrue();
        screenshot("04-history-after-delete");

        driver.findElement(By.id("file-input")).sendKeys(imageFile.toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".history-item"), 1));
        driver.findElement(By.id("clear-history")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".history-item"), 0));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history-empty")));
        assertThat(driver.findElements(By.cssSelector(".history-item"))).isEmpty();
        assertThat(driver.executeScript("return window.localStorage.length")).isEqualTo(0L);
        assertThat(driver.findElement(By.id("clear-history")).isDisplayed()).isFalse();
        screenshot("05-history-cleared");

        assertNoConsoleErrors();
    }

    @Test
    void burnAfterReadingUploadAndPhoneWidth() throws IOException {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/"));
        driver.findElement(By.cssSelector("label[for='burn']")).click();
        driver.findElement(By.id("file-input")).sendKeys(imageFile.toString());

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".result .links")));
        assertThat(UPLOAD.requestsTo("/api/images").get(0).query()).isEqualTo("expiresIn=86400&maxViews=1");
        assertThat(driver.findElement(By.cssSelector(".history-item")).getText()).contains("burns after first view");
        screenshot("06-phone-width-burn-upload");
        Object overflowing = driver.executeScript("""
                const width = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('body *'))
                    .filter(node => node.getBoundingClientRect().right > width + 1)
                    .map(node => node.tagName + '.' + node.className + '#' + node.id + ' right='
                        + Math.round(node.getBoundingClientRect().right));""");
        assertThat((List<?>) overflowing).as("elements wider than a 390 px viewport").isEmpty();

        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        screenshot("07-phone-width-dark");
        assertNoConsoleErrors();
    }

    @Test
    void sharePageShowsImageAndFacts() throws IOException {
        driver.get(url("/v/" + IMAGE_ID));

        WebElement image = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("image")));
        assertThat(image.getDomProperty("src")).startsWith("blob:");
        assertThat(driver.findElement(By.id("dimensions")).getText()).isEqualTo("64 × 48 pixels");
        assertThat(driver.findElement(By.id("file-size")).getText()).endsWith("bytes");
        assertThat(driver.findElement(By.id("time-left")).getText()).matches("\\d+ (h|min) .*");
        assertThat(driver.findElement(By.id("download")).getDomProperty("href")).startsWith("blob:");
        assertThat(SERVING.requestsTo("/i/")).hasSize(1);
        screenshot("08-share-page");
        assertNoConsoleErrors();
    }

    @Test
    void viewLimitedImageWaitsForClick() throws IOException, InterruptedException {
        driver.get(url("/v/" + BURN_ID));

        WebElement button = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reveal-button")));
        assertThat(button.getText()).isEqualTo("Show image — this uses one of 1 view");
        Thread.sleep(300);
        assertThat(SERVING.requestsTo("/i/")).as("no image request before the click").isEmpty();
        screenshot("09-share-view-limited");

        button.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("image")));
        assertThat(SERVING.requestsTo("/i/")).hasSize(1);
        screenshot("10-share-view-limited-shown");
    }

    @Test
    void deletionLinkDeletesWithHeaderToken() throws IOException {
        driver.get(url("/v/" + IMAGE_ID + "#delete=" + DELETE_TOKEN));

        WebElement button = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-button")));
        screenshot("13-share-delete-link");
        button.click();
        wait.until(ExpectedConditions.textToBe(By.id("delete-status"), "The image has been deleted."));

        Recorded delete = UPLOAD.requests().stream().filter(request -> request.method().equals("DELETE"))
                .findFirst().orElseThrow();
        assertThat(delete.path()).isEqualTo("/api/images/" + IMAGE_ID);
        assertThat(delete.query()).isEmpty();
        assertThat(delete.header("X-Delete-Token")).isEqualTo(DELETE_TOKEN);
        assertThat(driver.getCurrentUrl()).doesNotContain(DELETE_TOKEN);
        assertThat(driver.findElement(By.id("gone")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("delete-button")).isDisplayed()).isFalse();
        screenshot("14-share-deleted");
    }

    @Test
    void unknownImageShowsFriendlyPage() throws IOException {
        driver.get(url("/v/UnknownImageId0000000A"));

        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gone")));
        assertThat(notice.getText()).contains("This image is gone.");
        assertThat(driver.getTitle()).isEqualTo("Image not found · TempPic");
        screenshot("11-share-unknown");
    }

    @Test
    void privacyPageShowsUsageFigures() throws IOException {
        driver.get(url("/privacy"));

        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.figures")));
        assertThat(table.getText()).contains("Uploads").contains("Views").contains("Burn after read");
        assertThat(driver.findElement(By.id("usage-figures")).getText()).contains("Deleted expired")
                .contains("52,000");
        screenshot("12-privacy");
        assertNoConsoleErrors();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Fails on console errors, which include Content-Security-Policy violations and failed script loads. */
    private void assertNoConsoleErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).extracting(LogEntry::getMessage).isEmpty();
    }
}
