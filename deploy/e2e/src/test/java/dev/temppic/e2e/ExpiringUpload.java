package dev.temppic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.temppic.e2e.support.GatewayClient;
import dev.temppic.e2e.support.ObjectStore;
import dev.temppic.e2e.support.TestImages;
import tools.jackson.databind.JsonNode;

/**
 * An upload with the shortest lifetime, 60 s, followed through its expiry: the link works before
 * {@code expiresAt}, returns 404 from {@code expiresAt} on, and the stored object is deleted within 60 s after
 * it. Runs on its own thread while the other scenarios run, so the wait costs no extra time.
 */
final class ExpiringUpload implements Callable<ExpiringUpload.Outcome> {

    /** Maximum time the object may outlive {@code expiresAt}, as the product's deletion promise states. */
    static final Duration MAX_OBJECT_LATENESS = Duration.ofSeconds(60);

    /** What the scenario observed, for the report of the test that waits for it. */
    record Outcome(String id, String objectKey, Instant expiresAt, Duration objectLateness) {
    }

    private final GatewayClient gateway;
    private final ObjectStore store;
    private final Set<String> deleteTokens;

    /** @param deleteTokens receives the delete token of the upload, for the search of the stack's files */
    ExpiringUpload(GatewayClient gateway, ObjectStore store, Set<String> deleteTokens) {
        this.gateway = gateway;
        this.store = store;
        this.deleteTokens = deleteTokens;
    }

    @Override
    public Outcome call() throws InterruptedException {
        Instant before = Instant.now();
        HttpResponse<byte[]> created = gateway.uploadRaw("image/png",
                TestImages.pngWithTextChunk(TestImages.argbPattern(40, 30)), "expiresIn=60");
        Instant after = Instant.now();
        assertThat(created.statusCode()).as("upload with expiresIn=60: %s", GatewayClient.text(created))
                .isEqualTo(201);
        JsonNode image = GatewayClient.json(created);
        deleteTokens.add(image.get("deleteToken").asString());
        String id = image.get("id").asString();
        String url = image.get("url").asString();
        Instant expiresAt = Instant.parse(image.get("expiresAt").asString());
        assertThat(expiresAt).as("expiresAt of a 60 s upload")
                .isBetween(before.plusSeconds(59), after.plusSeconds(61));

        assertThat(gateway.get(url).statusCode()).as("GET %s right after upload", url).isEqualTo(200);
        Optional<String> objectKey = store.objectKeyOf(id);
        assertThat(objectKey).as("object of %s in the store after upload", id).isPresent();

        // Just before expiresAt the link must still work. The assertion holds only for a response that arrived
        // before expiresAt, since a slow response may have been served after it.
        sleepUntil(expiresAt.minusSeconds(3));
        HttpResponse<byte[]> lastView = gateway.get(url);
        if (Instant.now().isBefore(expiresAt)) {
            assertThat(lastView.statusCode()).as("GET %s 3 s before expiresAt %s", url, expiresAt).isEqualTo(200);
        }

        // From expiresAt on (to the second), every public URL of the image is gone.
        sleepUntil(expiresAt.plusMillis(100));
        assertThat(gateway.get(url).statusCode()).as("GET %s after expiresAt %s", url, expiresAt).isEqualTo(404);
        assertThat(gateway.get("/i/" + id).statusCode()).as("GET /i/%s after expiry", id).isEqualTo(404);
        assertThat(gateway.get("/api/images/" + id).statusCode()).as("metadata of %s after expiry", id)
                .isEqualTo(404);

        Instant deadline = expiresAt.plus(MAX_OBJECT_LATENESS);
        while (store.objectKeyOf(id).isPresent()) {
            assertThat(Instant.now()).as("time at which object %s is still stored (expiresAt %s)",
                    objectKey.get(), expiresAt).isBefore(deadline);
            Thread.sleep(500);
        }
        return new Outcome(id, objectKey.get(), expiresAt, Duration.between(expiresAt, Instant.now()));
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
