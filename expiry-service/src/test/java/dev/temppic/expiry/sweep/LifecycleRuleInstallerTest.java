package dev.temppic.expiry.sweep;

import dev.temppic.model.service.StoreProperties;
import io.minio.GetBucketLifecycleArgs;
import io.minio.MinioClient;
import io.minio.SetBucketLifecycleArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Decisions of the installer with a mocked client; the 501 of a real S3Proxy is checked in ExpiryServiceIT. */
class LifecycleRuleInstallerTest {

    private final MinioClient minio = mock(MinioClient.class);
    private final LifecycleRuleInstaller installer = new LifecycleRuleInstaller(minio,
            new StoreProperties(URI.create("http://127.0.0.1:9000"), "key", "secret", "temppic-images", null,
                    Duration.ofSeconds(1), false));

    @Test
    void keepsOtherRulesAndAddsOwn() throws Exception {
        LifecycleRule other = new LifecycleRule(Status.ENABLED, null, new Expiration((ZonedDateTime) null, 7, null),
                new RuleFilter("other/"), "other-rule", null, null, null);
        when(minio.getBucketLifecycle(any(GetBucketLifecycleArgs.class)))
                .thenReturn(new LifecycleConfiguration(List.of(other)));

        assertThat(installer.install()).isEqualTo(LifecycleRuleInstaller.Outcome.INSTALLED);

        ArgumentCaptor<SetBucketLifecycleArgs> args = ArgumentCaptor.forClass(SetBucketLifecycleArgs.class);
        verify(minio).setBucketLifecycle(args.capture());
        List<LifecycleRule> rules = args.getValue().config().rules();
        assertThat(rules).extracting(LifecycleRule::id).containsExactly("other-rule", LifecycleRuleInstaller.RULE_ID);
        assertThat(rules.get(1).expiration().days()).isEqualTo(1);
    }

    @Test
    void existingRuleIsLeftAlone() throws Exception {
        LifecycleRule own = new LifecycleRule(Status.ENABLED, null, new Expiration((ZonedDateTime) null, 1, null),
                new RuleFilter(""), LifecycleRuleInstaller.RULE_ID, null, null, null);
        when(minio.getBucketLifecycle(any(GetBucketLifecycleArgs.class)))
                .thenReturn(new LifecycleConfiguration(List.of(own)));

        assertThat(installer.install()).isEqualTo(LifecycleRuleInstaller.Outcome.INSTALLED);

        verify(minio, never()).setBucketLifecycle(any());
    }

    @Test
    void notImplementedIsUnsupported() throws Exception {
        ErrorResponse error = new ErrorResponse("NotImplemented", "A header you provided implies functionality that "
                + "is not implemented", "temppic-images", null, null, null, null);
        when(minio.getBucketLifecycle(any(GetBucketLifecycleArgs.class)))
                .thenThrow(new ErrorResponseException(error, null, null));

        assertThat(installer.install()).isEqualTo(LifecycleRuleInstaller.Outcome.UNSUPPORTED);
    }

    @Test
    void accessDeniedIsRejected() throws Exception {
        ErrorResponse error = new ErrorResponse("AccessDenied", "Access Denied", "temppic-images", null, null, null,
                null);
        when(minio.getBucketLifecycle(any(GetBucketLifecycleArgs.class)))
                .thenThrow(new ErrorResponseException(error, null, null));

        assertThat(installer.install()).isEqualTo(LifecycleRuleInstaller.Outcome.REJECTED);
    }

    @Test
    void unreachableStoreIsRetried() throws Exception {
        when(minio.getBucketLifecycle(any(GetBucketLifecycleArgs.class)))
                .thenThrow(new ConnectException("Connection refused"));

        assertThat(installer.install()).isEqualTo(LifecycleRuleInstaller.Outcome.UNREACHABLE);
    }
}
