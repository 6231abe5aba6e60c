package dev.temppic.upload.it;

import dev.temppic.upload.fixtures.ImageFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rejection returns its status and a plain detail, and leaves nothing in the store, Redis or Kafka. */
class RejectionIntegrationTest extends IntegrationTestSupport {

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void svgWithScriptUnsupported(boolean multipart) {
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(ImageFixtures.svgWithScript(), "cat.svg", "image/svg+xml", Map.of(), "")
                : postRaw(ImageFixtures.svgWithScript(), "image/svg+xml", "");

        assertThat(problemDetail(response, 415)).contains("SVG").contains("JPEG, PNG, GIF or WebP");
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void htmlNamedJpgUnsupported(boolean multipart) {
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(ImageFixtures.htmlAsJpg(), "cat.jpg", "image/jpeg", Map.of(), "")
                : postRaw(ImageFixtures.htmlAsJpg(), "image/jpeg", "");

        assertThat(problemDetail(response, 415)).contains("HTML");
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void emptyBodyBadRequest(boolean multipart) {
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(new byte[0], "empty.png")
                : postRaw(new byte[0], "image/png", "");

        assertThat(problemDetail(response, 400)).contains("0 bytes");
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void oneByteOverLimitTooLarge(boolean multipart) {
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(filled(MAX_BYTES + 1), "big.jpg")
                : postRaw(filled(MAX_BYTES + 1), "image/jpeg", "");

        assertThat(problemDetail(response, 413)).contains("larger than the limit of 1 MiB (1048576 bytes)");
        assertNothingAddedSince(before);
        assertThat(filesInTempDirectory()).isZero();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void exactlyAtLimitNotTooLarge(boolean multipart) {
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(filled(MAX_BYTES), "big.jpg")
                : postRaw(filled(MAX_BYTES), "image/jpeg", "");

        // The bytes are not an image, but they pass the size limit.
        problemDetail(response, 415);
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void truncatedImageUnprocessable(boolean multipart) {
        byte[] truncated = ImageFixtures.truncated(ImageFixtures.jpeg());
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(truncated, "cut.jpg")
                : postRaw(truncated, "image/jpeg", "");

        assertThat(problemDetail(response, 422)).contains("JPEG");
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hugePngUnprocessable(boolean multipart) {
        Snapshot before = snapshot();

        HttpResponse<String> response = multipart
                ? postMultipart(ImageFixtures.pngWithHugeDimensions(), "huge.png")
                : postRaw(ImageFixtures.pngWithHugeDimensions(), "image/png", "");

        assertThat(problemDetail(response, 422)).contains("100000 x 100000").contains("100000000 pixels");
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?expiresIn=59", "?expiresIn=PT25H", "?expiresIn=tomorrow", "?expiresIn=-60"})
    void badExpiresInRejected(String query) {
        Snapshot before = snapshot();

        String detail = problemDetail(postRaw(ImageFixtures.png(), "image/png", query), 400);

        assertThat(detail).contains("expiresIn").contains("60").contains("86400");
        assertNothingAddedSince(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "many", "2.5"})
    void badMaxViewsRejected(String value) {
        Snapshot before = snapshot();

        String detail = problemDetail(postMultipart(ImageFixtures.png(), "a.png", "image/png",
                Map.of("maxViews", value), ""), 400);

        assertThat(detail).contains("maxViews").contains("'" + value + "'").contains("from 1 to 1000");
        assertNothingAddedSince(before);
    }

    @Test
    void textBodyUnsupportedMediaType() {
        Snapshot before = snapshot();

        String detail = problemDetail(postRaw("hello".getBytes(), "text/plain", ""), 415);

        assertThat(detail).contains("'text/plain'").contains("multipart/form-data");
        assertNothingAddedSince(before);
    }

    @Test
    void unknownPathNotFoundProblem() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/no/such/path")).GET());

        problemDetail(response, 404);
    }

    @Test
    void wrongMethodProblem() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/images")).GET());

        problemDetail(response, 405);
    }

    @Test
    void temporaryFilesDeleted() {
        postRaw(ImageFixtures.png(), "image/png", "");
        postRaw(ImageFixtures.truncated(ImageFixtures.png()), "image/png", "");

        assertThat(filesInTempDirectory()).isZero();
    }
}
