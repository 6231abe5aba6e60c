package dev.temppic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.temppic.e2e.support.BrowserSession;
import dev.temppic.e2e.support.FileScan;
import dev.temppic.e2e.support.GatewayClient;
import dev.temppic.e2e.support.JpegSegments;
import dev.temppic.e2e.support.ObjectStore;
import dev.temppic.e2e.support.RunningStack;
import dev.temppic.e2e.support.TestImages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole product as a user meets it: the local stack started once with {@code deploy/local/temppic up} on free
 * ports, and every request sent to the gateway only, by an HTTP client and by headless Chromium.
 *
 * <p>The methods run in order. A 60 s upload is followed through its expiry on a background thread from the start.
 * The last two methods stop the stack, checking by PID that nothing is left, and then search its logs and data for
 * the user agents, file names and delete tokens that the scenarios sent. Screenshots go to
 * {@code target/screenshots/}, the stack's home folder with its logs to {@code target/stack-home-*}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TempPicStackIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("temppic.e2e.repository-root", "../.."));
    private static final Path OUTPUT = Path.of(System.getProperty("temppic.e2e.output", "target"));
    private static final Path SCREENSHOTS = OUTPUT.resolve("screenshots");

    /** Random per run, so the strings searched for in the stack's files come only from this run. */
    private static final String RUN = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String API_USER_AGENT = "TempPicE2E-api/1.0 (private-agent-" + RUN + ")";
    private static final String BROWSER_USER_AGENT = "Mozilla/5.0 TempPicE2E-browser/1.0 (private-agent-" + RUN + ")";
    private static final String API_FILENAME = "private-holiday-photo.png";
    private static final String BROWSER_FILENAME = "private-browser-photo.png";
    private static final String HISTORY_KEY = "temppic.history.v1";
    private static final String ID_PATTERN = "[A-Za-z0-9_-]{22}";

    private static RunningStack stack;
    private static GatewayClient gateway;
    private static ObjectStore store;
    private static ExecutorService background;
    private static Future<ExpiringUpload.Outcome> expiring;

    /** Every delete token the stack issued in this run. None may appear in its files. */
    private static final Set<String> deleteTokens = ConcurrentHashMap.newKeySet();
    /** Object keys of images deleted by request or by their view limit, by image id. */
    private static final Map<String, String> deletedObjects = new ConcurrentHashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningStack.start(REPOSITORY, OUTPUT);
        gateway = new GatewayClient(stack.gateway(), API_USER_AGENT);
        store = new ObjectStore(stack.storeEndpoint(), stack.storeCredentials());
        background = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "expiring-upload"));
        expiring = background.submit(new ExpiringUpload(gateway, store, deleteTokens));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (background != null) {
            background.shutdownNow();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void pngUploadViewAndDelete() {
        BufferedImage original = TestImages.argbPattern(120, 80);
        byte[] png = TestImages.pngWithTextChunk(original);

        HttpResponse<byte[]> created = gateway.uploadMultipart(API_FILENAME, "image/png", png, "expiresIn=PT1H");
        assertThat(created.statusCode()).as("upload: %s", GatewayClient.text(created)).isEqualTo(201);
        JsonNode image = GatewayClient.json(created);
        String id = image.get("id").asString();
        String url = image.get("url").asString();
        String deleteToken = image.get("deleteToken").asString();
        deleteTokens.add(deleteToken);
        long size = image.get("size").asLong();
        assertThat(id).matches(ID_PATTERN);
        assertThat(url).endsWith("/i/" + id + ".png");
        assertThat(created.headers().firstValue("Location")).hasValue(url);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
        assertThat(image.get("pageUrl").asString()).endsWith("/v/" + id);
        assertThat(image.get("deleteUrl").asString()).contains("/api/images/" + id + "?token=" + deleteToken);
        assertThat(deleteToken).hasSizeGreaterThanOrEqualTo(43);
        assertThat(image.get("contentType").asString()).isEqualTo("image/png");
        assertThat(image.get("width").asInt()).isEqualTo(120);
        assertThat(image.get("height").asInt()).isEqualTo(80);
        assertThat(image.get("maxViews").isNull()).as("maxViews is null").isTrue();
        assertThat(size).as("stored size without the tEXt chunk").isLessThan(png.length);
        assertThat(Instant.parse(image.get("expiresAt").asString()))
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
        Optional<String> objectKey = store.objectKeyOf(id);
        assertThat(objectKey).as("object of %s in the store", id).isPresent();

        HttpResponse<byte[]> view = gateway.get(url);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(view.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(view.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(view.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                value -> assertThat(value).contains("default-src 'none'").contains("sandbox"));
        assertThat(view.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(maxAge(value)).as("max-age of %s", value).isBetween(1L, 3600L));
        assertThat(view.body()).hasSize((int) size);
        assertThat(TestImages.contains(view.body(), TestImages.PNG_TEXT.getBytes(StandardCharsets.US_ASCII)))
                .as("tEXt comment in the served PNG").isFalse();
        assertSamePixels(TestImages.decode(view.body()), original, "served PNG");

        HttpResponse<byte[]> metadata = gateway.get("/api/images/" + id);
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode publicMetadata = GatewayClient.json(metadata);
        assertThat(publicMetadata.get("id").asString()).isEqualTo(id);
        assertThat(publicMetadata.get("contentType").asString()).isEqualTo("image/png");
        assertThat(publicMetadata.get("size").asLong()).isEqualTo(size);
        assertThat(publicMetadata.get("width").asInt()).isEqualTo(120);
        assertThat(publicMetadata.get("height").asInt()).isEqualTo(80);
        assertThat(publicMetadata.get("expiresAt").asString()).isEqualTo(image.get("expiresAt").asString());
        assertThat(GatewayClient.text(metadata)).as("public metadata").doesNotContain(deleteToken)
                .doesNotContain("deleteToken");

        HttpResponse<byte[]> range = gateway.get(url, "Range", "bytes=0-99");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + size);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOf(view.body(), 100));

        String etag = view.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
        HttpResponse<byte[]> notModified = gateway.get(url, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();

        HttpResponse<byte[]> wrongToken = gateway.delete(id, "A" + deleteToken.substring(1).replace('A', 'B'));
        assertThat(wrongToken.statusCode()).as("delete with a wrong token").isEqualTo(404);
        assertThat(gateway.get(url).statusCode()).as("GET after the rejected delete").isEqualTo(200);

        HttpResponse<byte[]> deleted = gateway.delete(id, deleteToken);
        assertThat(deleted.statusCode()).as("delete: %s", GatewayClient.text(deleted)).isEqualTo(204);
        deletedObjects.put(id, objectKey.get());

        HttpResponse<byte[]> afterDelete = gateway.get(url);
        assertThat(afterDelete.statusCode()).isEqualTo(404);
        assertThat(afterDelete.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(gateway.get("/i/" + id).statusCode()).isEqualTo(404);
        assertThat(gateway.get("/api/images/" + id).statusCode()).isEqualTo(404);
        assertThat(gateway.delete(id, deleteToken).statusCode()).as("second delete").isEqualTo(404);
    }

    @Test
    @Order(2)
    void jpegUploadLosesExifAndGps() {
        byte[] jpeg = TestImages.jpegWithExifGps(64, 48);
        JpegSegments uploaded = JpegSegments.parse(jpeg);
        assertThat(uploaded.withMarker(JpegSegments.APP1)).as("APP1 segments of the test file").hasSize(2);

        HttpResponse<byte[]> created = gateway.uploadRaw("image/jpeg", jpeg, "expiresIn=600");
        assertThat(created.statusCode()).as("upload: %s", GatewayClient.text(created)).isEqualTo(201);
        JsonNode image = GatewayClient.json(created);
        deleteTokens.add(image.get("deleteToken").asString());
        String url = image.get("url").asString();
        assertThat(url).endsWith(".jpg");
        assertThat(image.get("contentType").asString()).isEqualTo("image/jpeg");
        // Orientation 6 turns the stored 64 x 48 pixels into a 48 x 64 picture as displayed.
        assertThat(image.get("width").asInt()).as("displayed width").isEqualTo(48);
        assertThat(image.get("height").asInt()).as("displayed height").isEqualTo(64);

        HttpResponse<byte[]> view = gateway.get(url);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        byte[] served = view.body();
        assertThat(served).hasSize(image.get("size").asInt());

        JpegSegments servedSegments = JpegSegments.parse(served);
        assertThat(servedSegments.compressedImage()).as("tables, frame header and scan data")
                .isEqualTo(uploaded.compressedImage());
        assertThat(servedSegments.withMarker(JpegSegments.COM)).as("comment segments").isEmpty();
        List<JpegSegments.Segment> app1 = servedSegments.withMarker(JpegSegments.APP1);
        assertThat(app1).as("APP1 segments: only the orientation block").hasSize(1);
        assertThat(app1.get(0).payloadStartsWith("Exif\0\0")).as("APP1 is EXIF, not XMP").isTrue();
        assertThat(JpegSegments.exifIfd0Tags(app1.get(0).payload())).as("EXIF IFD0 tags")
                .containsExactly(0x0112);
        assertThat(JpegSegments.exifOrientation(app1.get(0).payload())).isEqualTo(TestImages.JPEG_ORIENTATION);
        for (JpegSegments.Segment segment : servedSegments.segments()) {
            if (segment.isApplicationOrComment() && segment.marker() != JpegSegments.APP1) {
                assertThat(segment.payloadStartsWith("JFIF\0") || segment.payloadStartsWith("ICC_PROFILE\0")
                        || segment.payloadStartsWith("Adobe"))
                        .as("application segment 0x%X kept", segment.marker()).isTrue();
            }
        }
        for (String text : List.of(TestImages.EXIF_MAKE, TestImages.XMP_TEXT, TestImages.JPEG_COMMENT,
                "http://ns.adobe.com/xap/")) {
            assertThat(TestImages.contains(served, text.getBytes(StandardCharsets.US_ASCII)))
                    .as("served JPEG contains %s", text).isFalse();
        }

        // ImageIO ignores the orientation tag, so the served file decodes to the stored 64 x 48 pixels.
        assertSamePixels(TestImages.decode(served), TestImages.decode(jpeg), "served JPEG");
    }

    @Test
    @Order(3)
    void burnAfterReadServesOnce() {
        BufferedImage original = TestImages.argbPattern(50, 40);
        HttpResponse<byte[]> created = gateway.uploadMultipart(API_FILENAME, "image/png",
                TestImages.pngWithTextChunk(original), "maxViews=1");
        assertThat(created.statusCode()).as("upload: %s", GatewayClient.text(created)).isEqualTo(201);
        JsonNode image = GatewayClient.json(created);
        String id = image.get("id").asString();
        String url = image.get("url").asString();
        deleteTokens.add(image.get("deleteToken").asString());
        assertThat(image.get("maxViews").asInt()).isEqualTo(1);
        Optional<String> objectKey = store.objectKeyOf(id);
        assertThat(objectKey).as("object of %s in the store", id).isPresent();

        assertThat(gateway.get("/api/images/" + id).statusCode()).as("metadata, not a view").isEqualTo(200);
        assertThat(gateway.head(url).statusCode()).as("HEAD, not a view").isEqualTo(200);

        HttpResponse<byte[]> first = gateway.get(url);
        assertThat(first.statusCode()).as("first view").isEqualTo(200);
        assertSamePixels(TestImages.decode(first.body()), original, "first view");
        deletedObjects.put(id, objectKey.get());

        assertThat(gateway.get(url).statusCode()).as("second view").isEqualTo(404);
        assertThat(gateway.get("/api/images/" + id).statusCode()).as("metadata after the last view")
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void svgUploadIsRejected() {
        HttpResponse<byte[]> declared = gateway.uploadRaw("image/svg+xml", TestImages.svg(), null);
        assertUnsupportedType(declared, "SVG declared as image/svg+xml");

        HttpResponse<byte[]> disguised = gateway.uploadMultipart("drawing.png", "image/png", TestImages.svg(), null);
        assertUnsupportedType(disguised, "SVG named drawing.png and declared as image/png");
    }

    @Test
    @Order(5)
    void browserUploadHistoryDeleteAndClear() throws Exception {
        BrowserSession.assumeChromiumInstalled();
        BufferedImage original = TestImages.argbPattern(96, 64);
        Path file = writeUploadFile(BROWSER_FILENAME, TestImages.pngWithTextChunk(original));

        try (BrowserSession browser = BrowserSession.start(OUTPUT.resolve("browser"), SCREENSHOTS,
                BROWSER_USER_AGENT)) {
            ChromeDriver driver = browser.driver();
            driver.get(page("/"));
            browser.waiting().until(presenceOfElementLocated(By.id("file-input")));
            assertThat(driver.executeScript("return navigator.userAgent")).as("browser user agent")
                    .isEqualTo(BROWSER_USER_AGENT);
            browser.screenshot("01-upload-page");
            browser.assertNoConsoleErrors("the upload page");

            driver.findElement(By.cssSelector("label[for='life-3600']")).click();
            driver.findElement(By.id("file-input")).sendKeys(file.toString());
            WebElement result = browser.waiting().until(presenceOfElementLocated(By.cssSelector(".result .links")));
            List<String> links = result.findElements(By.cssSelector("input")).stream()
                    .map(input -> input.getDomProperty("value")).toList();
            assertThat(links).hasSize(5);
            String direct = links.get(0);
            assertThat(direct).matches(java.util.regex.Pattern.quote(page("/i/")) + ID_PATTERN + "\\.png");
            String id = direct.substring(page("/i/").length(), direct.length() - ".png".length());
            String share = page("/v/" + id);
            assertThat(links).containsExactly(direct, share, "![image](" + direct + ")",
                    "<img src=\"" + direct + "\" alt=\"\">", "[img]" + direct + "[/img]");
            assertThat(driver.findElement(By.cssSelector(".result .done")).getText()).startsWith("Uploaded.");
            browser.screenshot("02-upload-result");
            browser.assertNoConsoleErrors("the upload page after the upload");

            JsonNode entry = historyEntry(driver, id);
            deleteTokens.add(entry.get("deleteToken").asString());
            assertThat(Instant.parse(entry.get("expiresAt").asString()))
                    .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
            Optional<String> objectKey = store.objectKeyOf(id);
            assertThat(objectKey).as("object of %s in the store", id).isPresent();

            driver.get(share);
            browser.waiting().until(visibilityOfElementLocated(By.id("image")));
            browser.waiting().until(driver1 -> Long.valueOf(96).equals(((ChromeDriver) driver1).executeScript(
                    "const image = document.getElementById('image');"
                            + " return image.complete ? image.naturalWidth : -1;")));
            assertThat(driver.findElement(By.id("image")).getDomProperty("src")).startsWith("blob:");
            assertThat(driver.findElement(By.id("dimensions")).getText()).isEqualTo("96 × 64 pixels");
            browser.screenshot("03-share-page");
            browser.assertNoConsoleErrors("the share page");

            driver.get(direct);
            Object naturalWidth = driver.executeScript(
                    "const image = document.images[0]; return image && image.complete ? image.naturalWidth : -1;");
            assertThat(naturalWidth).as("width of the image opened by its direct link").isEqualTo(96L);
            browser.screenshot("04-direct-link");
            // The image itself is no page of the web client; Chromium may log a missing /favicon.ico here.
            browser.consoleErrors();

            driver.get(page("/"));
            driver.navigate().refresh();
            WebElement item = browser.waiting().until(presenceOfElementLocated(
                    By.cssSelector(".history-item[data-id='" + id + "']")));
            assertThat(item.getText()).contains("96 × 64").contains("Deletes itself in");
            assertThat(item.findElement(By.cssSelector("a")).getDomProperty("href")).isEqualTo(share);
            assertThat(driver.findElement(By.id("history-empty")).isDisplayed()).isFalse();
            browser.screenshot("05-history-after-reload");
            browser.assertNoConsoleErrors("the upload page with history");

            item.findElement(By.cssSelector("button.danger")).click();
            browser.waiting().until(numberOfElementsToBe(By.cssSelector(".history-item"), 0));
            assertThat(driver.findElement(By.id("history-empty")).isDisplayed()).isTrue();
            browser.screenshot("06-history-after-delete");
            browser.assertNoConsoleErrors("the upload page after deleting");
            deletedObjects.put(id, objectKey.get());
            assertThat(gateway.get(direct).statusCode()).as("direct link after deleting from the history")
                    .isEqualTo(404);
            assertThat(gateway.get("/api/images/" + id).statusCode()).isEqualTo(404);

            driver.findElement(By.id("file-input")).sendKeys(file.toString());
            browser.waiting().until(numberOfElementsToBe(By.cssSelector(".history-item"), 1));
            String secondId = driver.findElement(By.cssSelector(".history-item")).getDomAttribute("data-id");
            JsonNode second = historyEntry(driver, secondId);
            deleteTokens.add(second.get("deleteToken").asString());
            driver.findElement(By.id("clear-history")).click();
            browser.waiting().until(numberOfElementsToBe(By.cssSelector(".history-item"), 0));
            driver.navigate().refresh();
            browser.waiting().until(visibilityOfElementLocated(By.id("history-empty")));
            assertThat(driver.findElements(By.cssSelector(".history-item"))).isEmpty();
            assertThat(driver.executeScript("return window.localStorage.length")).isEqualTo(0L);
            assertThat(driver.findElement(By.id("clear-history")).isDisplayed()).isFalse();
            browser.screenshot("07-history-cleared");
            browser.assertNoConsoleErrors("the upload page after clearing the history");
            // Clearing removes the links from this browser only, so the image stays online until it expires.
            assertThat(gateway.head(second.get("url").asString()).statusCode()).isEqualTo(200);

            driver.get(page("/privacy"));
            browser.waiting().until(visibilityOfElementLocated(By.cssSelector("table.figures")));
            browser.screenshot("08-privacy");
            browser.assertNoConsoleErrors("the privacy page");
        }
    }

    @Test
    @Order(6)
    void browserRangeRequestGets206() throws Exception {
        BrowserSession.assumeChromiumInstalled();
        HttpResponse<byte[]> created = gateway.uploadMultipart(API_FILENAME, "image/png",
                TestImages.pngWithTextChunk(TestImages.argbPattern(200, 150)), "expiresIn=600");
        assertThat(created.statusCode()).as("upload: %s", GatewayClient.text(created)).isEqualTo(201);
        JsonNode image = GatewayClient.json(created);
        deleteTokens.add(image.get("deleteToken").asString());
        long size = image.get("size").asLong();
        assertThat(size).isGreaterThan(100);

        try (BrowserSession browser = BrowserSession.start(OUTPUT.resolve("browser"), SCREENSHOTS,
                BROWSER_USER_AGENT)) {
            ChromeDriver driver = browser.driver();
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            driver.get(page("/"));
            browser.waiting().until(presenceOfElementLocated(By.id("file-input")));
            // A video player requests a byte range first. With no-store, each request reaches the server.
            Object result = driver.executeAsyncScript("""
                    const url = arguments[0];
                    const done = arguments[arguments.length - 1];
                    (async () => {
                      const partial = await fetch(url, { headers: { Range: 'bytes=0-99' }, cache: 'no-store' });
                      const partialBytes = new Uint8Array(await partial.arrayBuffer());
                      const full = await fetch(url, { cache: 'no-store' });
                      const fullBytes = new Uint8Array(await full.arrayBuffer());
                      return {
                        partialStatus: partial.status,
                        partialLength: partialBytes.length,
                        contentRange: partial.headers.get('Content-Range'),
                        fullStatus: full.status,
                        fullLength: fullBytes.length,
                        prefixMatches: partialBytes.every((value, index) => value === fullBytes[index]),
                      };
                    })().then(done, (error) => done({ error: String(error) }));
                    """, image.get("url").asString());
            assertThat(result).isInstanceOf(Map.class);
            Map<?, ?> fetched = (Map<?, ?>) result;
            assertThat(fetched.get("error")).as("fetch error").isNull();
            assertThat(fetched.get("partialStatus")).as("status of the range request").isEqualTo(206L);
            assertThat(fetched.get("partialLength")).as("bytes of the range response").isEqualTo(100L);
            assertThat(fetched.get("contentRange")).isEqualTo("bytes 0-99/" + size);
            assertThat(fetched.get("fullStatus")).as("status of the full request").isEqualTo(200L);
            assertThat(fetched.get("fullLength")).as("bytes of the full response").isEqualTo(size);
            assertThat(fetched.get("prefixMatches")).as("range bytes equal the first 100 bytes").isEqualTo(true);
            browser.assertNoConsoleErrors("the upload page after the range requests");
        }
    }

    @Test
    @Order(7)
    void expiredUploadAndDeletedObjectsAreGone() throws Exception {
        ExpiringUpload.Outcome outcome;
        try {
            outcome = expiring.get(150, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        }
        System.out.printf("Image %s expired at %s; its object %s was gone %d ms later%n", outcome.id(),
                outcome.expiresAt(), outcome.objectKey(), outcome.objectLateness().toMillis());

        assertThat(deletedObjects).as("images deleted by request or view limit").isNotEmpty();
        Instant deadline = Instant.now().plusSeconds(30);
        List<String> stored;
        do {
            List<String> keys = store.keys();
            stored = deletedObjects.values().stream().filter(keys::contains).toList();
            if (!stored.isEmpty()) {
                Thread.sleep(500);
            }
        } while (!stored.isEmpty() && Instant.now().isBefore(deadline));
        assertThat(stored).as("objects of deleted images still in the store").isEmpty();
    }

    @Test
    @Order(8)
    void stackStopsWithoutLeftovers() throws Exception {
        assertThat(stack.processes()).as("processes recorded at start").hasSizeGreaterThanOrEqualTo(7);
        background.shutdownNow();

        stack.close();

        assertThat(stack.processes()).as("processes running after down").noneMatch(RunningStack::isRunning);
    }

    @Test
    @Order(9)
    void stackFilesContainNoPersonalData() throws Exception {
        Path logs = stack.logs();
        List<Path> logFiles = FileScan.regularFiles(logs).stream().filter(path -> path.toString().endsWith(".log"))
                .toList();
        assertThat(logFiles).as("log files in %s", logs).hasSizeGreaterThanOrEqualTo(7);
        assertThat(FileScan.findAll(logs, List.of("Started "))).as("Spring Boot start lines found by the scan")
                .isNotEmpty();
        // The HTTP scenarios upload four images. The browser scenarios add three more when Chromium is present.
        assertThat(deleteTokens).as("delete tokens issued").hasSizeGreaterThanOrEqualTo(4);

        List<String> personal = new ArrayList<>(List.of(API_USER_AGENT, BROWSER_USER_AGENT, "private-agent-" + RUN,
                API_FILENAME, BROWSER_FILENAME, "private-holiday-photo", "private-browser-photo"));
        personal.addAll(deleteTokens);

        assertThat(FileScan.findAll(logs, personal)).as("user agents, file names and delete tokens in the logs")
                .isEmpty();
        assertThat(FileScan.findAll(stack.home().resolve("data"), personal))
                .as("user agents, file names and delete tokens in Kafka, Redis and store data").isEmpty();
    }

    /** Compares two images pixel by pixel, and names the first differing pixel on failure. */
    private static void assertSamePixels(BufferedImage actual, BufferedImage expected, String description) {
        assertThat(actual.getWidth()).as("%s width", description).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).as("%s height", description).isEqualTo(expected.getHeight());
        int[] actualPixels = TestImages.pixels(actual);
        int[] expectedPixels = TestImages.pixels(expected);
        int differing = 0;
        int first = -1;
        for (int i = 0; i < actualPixels.length; i++) {
            if (actualPixels[i] != expectedPixels[i]) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        String firstDifference = first < 0 ? "none" : String.format("(%d, %d) is ARGB %08X instead of %08X",
                first % actual.getWidth(), first / actual.getWidth(), actualPixels[first], expectedPixels[first]);
        assertThat(differing).as("%s: pixels that differ from the upload, first %s", description, firstDifference)
                .isZero();
    }

    private static void assertUnsupportedType(HttpResponse<byte[]> response, String description) {
        assertThat(response.statusCode()).as("%s: %s", description, GatewayClient.text(response)).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).as("%s content type", description)
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
        JsonNode problem = GatewayClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(415);
        assertThat(problem.get("detail").asString()).as("%s detail", description).isNotBlank();
    }

    /** Returns the absolute URL of {@code path} on the gateway, as the browser uses it. */
    private static String page(String path) {
        return stack.gateway().resolve(path).toString();
    }

    /** Returns the entry of image {@code id} in the page's localStorage history. */
    private static JsonNode historyEntry(ChromeDriver driver, String id) {
        Object stored = driver.executeScript("return window.localStorage.getItem(arguments[0]);", HISTORY_KEY);
        assertThat(stored).as("localStorage %s", HISTORY_KEY).isInstanceOf(String.class);
        for (JsonNode entry : JsonMapper.builder().build().readTree((String) stored)) {
            if (id.equals(entry.get("id").asString())) {
                return entry;
            }
        }
        throw new AssertionError("No history entry for " + id + " in " + stored);
    }

    private static Path writeUploadFile(String name, byte[] content) throws Exception {
        Path folder = Files.createDirectories(OUTPUT.resolve("browser").toAbsolutePath());
        return Files.write(folder.resolve(name), content);
    }

    /** Returns the max-age of a Cache-Control value, or -1 when it has none. */
    private static long maxAge(String cacheControl) {
        for (String directive : cacheControl.split(",")) {
            String trimmed = directive.trim();
            if (trimmed.startsWith("max-age=")) {
                return Long.parseLong(trimmed.substring("max-age=".length()));
            }
        }
        return -1;
    }
}
