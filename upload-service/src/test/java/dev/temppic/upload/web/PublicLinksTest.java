package dev.temppic.upload.web;

import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.upload.UploadProperties;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PublicLinksTest {

    private final ImageId id = ImageId.random();
    private final DeleteToken token = DeleteToken.random();

    @Test
    void relativeWithoutBaseUrl() {
        PublicLinks links = new PublicLinks(new UploadProperties(null, null, null, null, null, null, null));

        assertThat(links.imageUrl(id, "webp")).isEqualTo("/i/" + id + ".webp");
        assertThat(links.pageUrl(id)).isEqualTo("/v/" + id);
        assertThat(links.deleteUrl(id, token)).isEqualTo("/api/images/" + id + "?token=" + token.value());
    }

    @Test
    void absoluteWithBaseUrl() {
        PublicLinks links = new PublicLinks(new UploadProperties(null, null, null,
                URI.create("https://temppic.example/"), null, null, null));

        assertThat(links.imageUrl(id, "png")).isEqualTo("https://temppic.example/i/" + id + ".png");
        assertThat(links.pageUrl(id)).isEqualTo("https://temppic.example/v/" + id);
        assertThat(links.deleteUrl(id, token))
                .isEqualTo("https://temppic.example/api/images/" + id + "?token=" + token.value());
    }
}
