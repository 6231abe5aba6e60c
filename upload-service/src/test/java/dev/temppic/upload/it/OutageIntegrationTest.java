package dev.temppic.upload.it;

import dev.temppic.infra.Infrastructure;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.upload.fixtures.ImageFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis or the object store goes down during operation: 503 with Retry-After and nothing kept, then recovery. */
class OutageIntegrationTest extends IntegrationTestSupport {

    private final Infrastructure infrastructure = TempPicInfraExtension.infrastructure();

    private static void assertUnavailable(HttpResponse<String> response, String expectedDetail) {
        String detail = problemDetail(response, 503);
        assertThat(detail).contains(expectedDetail).contains("Try again in 7 seconds");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    /** Uploads until the service stores again, for at most 30 s, and returns the first 201 response. */
    private HttpResponse<String> uploadUntilStored() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = postRaw(ImageFixtures.png(), "image/png", "");
            if (response.statusCode() == 201) {
                return response;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return response;
    }

    @Test
    void redisDownUnavailableThenRecovers(CapturedOutput output) throws Exception {
        JsonNode existing = json(postRaw(ImageFixtures.png(), "image/png", ""));
        Snapshot before = snapshot();

        infrastructure.stopRedis();
        try {
            assertUnavailable(postRaw(ImageFixtures.png(), "image/png", ""), "The metadata store is unavailable");
            assertUnavailable(postMultipart(ImageFixtures.jpeg(), "a.jpg"), "The metadata store is unavailable");
            assertUnavailable(deleteWithHeader(existing.get("id").asString(),
                    existing.get("deleteToken").asString()), "The image was not deleted");
            assertThat(output.getAll()).contains("failed at step redis").contains("object removed");
        } finally {
            infrastructure.startRedis();
        }

        assertNothingAddedSince(before);
        assertThat(filesInTempDirectory()).isZero();
        HttpResponse<String> recovered = uploadUntilStored();
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(201);
        assertThat(redis.hasKey("img:" + json(recovered).get("id").asString())).isTrue();
        assertThat(deleteWithHeader(existing.get("id").asString(), existing.get("deleteToken").asString())
                .statusCode()).as("deletion after recovery").isEqualTo(204);
    }

    @Test
    void storeDownUnavailableThenRecovers(CapturedOutput output) throws Exception {
        Snapshot before = snapshot();

        infrastructure.stopStore();
        try {
            assertUnavailable(postRaw(ImageFixtures.png(), "image/png", ""), "The object store is unavailable");
            assertUnavailable(postMultipart(ImageFixtures.gif(), "a.gif"), "The object store is unavailable");
            assertThat(output.getAll()).contains("failed at step store");
        } finally {
            infrastructure.startStore();
        }

        assertNothingAddedSince(before);
        assertThat(filesInTempDirectory()).isZero();
        HttpResponse<String> recovered = uploadUntilStored();
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(201);
        assertThat(objectKeys()).hasSize(before.objects().size() + 1);
    }
}
