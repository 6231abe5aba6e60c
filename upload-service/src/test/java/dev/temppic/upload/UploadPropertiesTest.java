package dev.temppic.upload;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadPropertiesTest {

    private static UploadProperties withBaseUrl(String url) {
        return new UploadProperties(null, null, null, URI.create(url), null, null, null);
    }

    @Test
    void defaults() {
        UploadProperties properties = new UploadProperties(null, null, null, null, null, null, null);

        assertThat(properties.maxSize()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(properties.maxPixels()).isEqualTo(100_000_000L);
        assertThat(properties.publicBaseUrl()).isNull();
        assertThat(properties.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.tempDirectory().getFileName()).hasToString("temppic-upload");
    }

    @Test
    void baseUrlTrailingSlashRemoved() {
        assertThat(withBaseUrl("https://temppic.example/").publicBaseUrl())
                .isEqualTo(URI.create("https://temppic.example"));
    }

    @Test
    void relativeBaseUrlRejected() {
        assertThatThrownBy(() -> withBaseUrl("/images"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temppic.upload.public-base-url must be an absolute http or https URL");
    }

    @Test
    void baseUrlWithQueryRejected() {
        assertThatThrownBy(() -> withBaseUrl("https://temppic.example/?a=b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
