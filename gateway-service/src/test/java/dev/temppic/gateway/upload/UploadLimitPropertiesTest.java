package dev.temppic.gateway.upload;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class UploadLimitPropertiesTest {

    @Test
    void defaultsMatchUploadService() {
        UploadLimitProperties properties = new UploadLimitProperties(null, null);

        assertThat(properties.maxFileSize().toBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(properties.maxBodyBytes()).isEqualTo(20L * 1024 * 1024 + 64 * 1024);
    }

    @Test
    void messageNamesLimit() {
        assertThat(new UploadTooLargeException(DataSize.ofMegabytes(20)).getMessage())
                .isEqualTo("The image is larger than the limit of 20 MiB. Choose a smaller file.");
        assertThat(new UploadTooLargeException(DataSize.ofKilobytes(512)).getMessage()).contains("512 KiB");
    }
}
