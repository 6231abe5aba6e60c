package dev.temppic.upload.crypto;

import dev.temppic.model.crypto.ImageEncryption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class MasterKeyStartupTest {

    private static final String VALID_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TestConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CryptoProperties.class)
    @Import(CryptoConfiguration.class)
    static class TestConfiguration {
    }

    @Test
    void validKeyCreatesEncryption() {
        runner.withPropertyValues("temppic.crypto.master-key=" + VALID_KEY)
                .run(context -> assertThat(context).hasSingleBean(ImageEncryption.class));
    }

    @Test
    void missingKeyFailsStartup() {
        runner.run(context -> assertThat(context).getFailure()
                .hasRootCauseInstanceOf(InvalidMasterKeyException.class)
                .rootCause()
                .hasMessageContaining("master key is missing")
                .hasMessageContaining("temppic.crypto.master-key"));
    }

    @Test
    void shortKeyFailsStartupWithoutEchoingKey() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());

        runner.withPropertyValues("temppic.crypto.master-key=" + shortKey)
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidMasterKeyException.class)
                        .hasMessageContaining("must be 32 bytes, got 16")
                        .hasMessageNotContaining(shortKey));
    }

    @Test
    void notBase64FailsStartup() {
        runner.withPropertyValues("temppic.crypto.master-key=not base64!")
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidMasterKeyException.class)
                        .hasMessageContaining("not valid Base64"));
    }

    @Test
    void failureAnalysisNamesSetting() {
        InvalidMasterKeyException cause = new InvalidMasterKeyException("The master key is missing.");

        FailureAnalysis analysis = new InvalidMasterKeyFailureAnalyzer()
                .analyze(new IllegalStateException("bean creation failed", cause));

        assertThat(analysis.getDescription()).contains("The master key is missing.");
        assertThat(analysis.getAction()).contains("TEMPPIC_CRYPTO_MASTER_KEY").contains("32 random bytes");
    }

    @Test
    void propertiesHideKey() {
        assertThat(new CryptoProperties(VALID_KEY).toString()).doesNotContain(VALID_KEY).contains("redacted");
    }
}
