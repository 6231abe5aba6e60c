package dev.temppic.expiry.sweep;

import dev.temppic.model.service.StoreProperties;
import io.minio.GetBucketLifecycleArgs;
import io.minio.MinioClient;
import io.minio.SetBucketLifecycleArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets a bucket lifecycle rule that makes the store itself expire every object one day after its creation,
 * a last line of defence behind the deleter and the sweep. Other rules of the bucket are kept.
 *
 * <p>A store without lifecycle support (S3Proxy returns 501 NotImplemented) is logged once and accepted.
 */
public class LifecycleRuleInstaller {

    /** Id of the rule this service owns in the bucket's lifecycle configuration. */
    static final String RULE_ID = "temppic-expire-after-1-day";

    private static final int EXPIRY_DAYS = 1;
    private static final int HTTP_NOT_IMPLEMENTED = 501;
    private static final Logger log = LoggerFactory.getLogger(LifecycleRuleInstaller.class);

    private final MinioClient minio;
    private final StoreProperties store;

    public LifecycleRuleInstaller(MinioClient minio, StoreProperties store) {
        this.minio = minio;
        this.store = store;
    }

    /** Result of one attempt. */
    public enum Outcome {
        /** The rule is in place. */
        INSTALLED,
        /** The store does not support lifecycle rules. */
        UNSUPPORTED,
        /** The store rejected the rule for another reason, e.g. missing permission; retrying will not help. */
        REJECTED,
        /** The store could not be reached; worth trying again later. */
        UNREACHABLE
    }

    /** Sets the rule unless it is in place already, and returns every failure as an outcome instead of throwing. */
    public Outcome install() {
        try {
            List<LifecycleRule> rules = new ArrayList<>();
            LifecycleConfiguration existing = minio.getBucketLifecycle(
                    GetBucketLifecycleArgs.builder().bucket(store.bucket()).build());
            if (existing != null) {
                for (LifecycleRule rule : existing.rules()) {
                    if (RULE_ID.equals(rule.id()) && isOurs(rule)) {
                        log.info("Bucket {} already has the lifecycle rule that expires objects after {} day",
                                store.bucket(), EXPIRY_DAYS);
                        return Outcome.INSTALLED;
                    }
                    if (!RULE_ID.equals(rule.id())) {
                        rules.add(rule);
                    }
                }
            }
            rules.add(new LifecycleRule(Status.ENABLED, null, new Expiration((ZonedDateTime) null, EXPIRY_DAYS, null),
                    new RuleFilter(""), RULE_ID, null, null, null));
            minio.setBucketLifecycle(SetBucketLifecycleArgs.builder().bucket(store.bucket())
                    .config(new LifecycleConfiguration(rules)).build());
            log.info("Set a lifecycle rule on bucket {}: the store expires objects {} day after creation",
                    store.bucket(), EXPIRY_DAYS);
            return Outcome.INSTALLED;
        } catch (ErrorResponseException e) {
            String code = e.errorResponse() == null ? null : e.errorResponse().code();
            if ("NotImplemented".equals(code) || (e.response() != null && e.response().code() == HTTP_NOT_IMPLEMENTED)) {
                return unsupported();
            }
            log.warn("Object store rejected the lifecycle rule for bucket {} ({}: {}); not retrying. The deleter and "
                    + "the sweep still delete every image", store.bucket(), code, e.getMessage());
            return Outcome.REJECTED;
        } catch (ServerException e) {
            if (e.statusCode() == HTTP_NOT_IMPLEMENTED) {
                return unsupported();
            }
            log.warn("Object store failed to set the lifecycle rule for bucket {} (HTTP {}); trying again at the next "
                    + "sweep", store.bucket(), e.statusCode());
            return Outcome.UNREACHABLE;
        } catch (IOException e) {
            log.warn("Object store unreachable while setting the lifecycle rule for bucket {} ({}); trying again at "
                    + "the next sweep", store.bucket(), e.toString());
            return Outcome.UNREACHABLE;
        } catch (Exception e) {
            log.warn("Failed to set the lifecycle rule for bucket {}; not retrying. The deleter and the sweep still "
                    + "delete every image", store.bucket(), e);
            return Outcome.REJECTED;
        }
    }

    private Outcome unsupported() {
        log.warn("Object store does not support bucket lifecycle rules (501 NotImplemented), so bucket {} has no "
                + "store-side expiry; the deleter and the backstop sweep alone delete images", store.bucket());
        return Outcome.UNSUPPORTED;
    }

    private static boolean isOurs(LifecycleRule rule) {
        return rule.status() == Status.ENABLED
                && rule.expiration() != null
                && Integer.valueOf(EXPIRY_DAYS).equals(rule.expiration().days());
    }
}
