package dev.temppic.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.temppic.deploy.Manifests.list;
import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.maps;
import static dev.temppic.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks the MinIO policies of the three store users and the bucket lifecycle rule. */
class StorePoliciesTest {

    private static final Path MINIO = Manifests.resolve("deploy/compose/minio");
    private static final String BUCKET_ARN = "arn:aws:s3:::temppic-images";
    private static final String OBJECTS_ARN = BUCKET_ARN + "/*";

    /** Returns "action on resource" pairs of every Allow statement of a policy file. */
    static Set<String> grants(Map<String, Object> policy) {
        Set<String> grants = new LinkedHashSet<>();
        for (Map<String, Object> statement : maps(list(policy, "Statement"))) {
            assertThat(string(statement, "Effect")).as("statement " + statement).isEqualTo("Allow");
            for (Object action : list(statement, "Action")) {
                for (Object resource : list(statement, "Resource")) {
                    grants.add(action + " on " + resource);
                }
            }
        }
        return grants;
    }

    private static Map<String, Object> policy(String name) {
        return Manifests.parseOne(Manifests.read(MINIO.resolve("policies/" + name + ".json")));
    }

    @Test
    void uploadMayOnlyWrite() {
        assertThat(grants(policy("temppic-upload"))).containsExactlyInAnyOrder(
                "s3:PutObject on " + OBJECTS_ARN,
                "s3:AbortMultipartUpload on " + OBJECTS_ARN,
                "s3:DeleteObject on " + OBJECTS_ARN,
                "s3:HeadBucket on " + BUCKET_ARN);
    }

    @Test
    void servingMayOnlyRead() {
        assertThat(grants(policy("temppic-serving"))).containsExactlyInAnyOrder(
                "s3:GetObject on " + OBJECTS_ARN,
                "s3:HeadBucket on " + BUCKET_ARN);
    }

    @Test
    void expiryMayOnlyDeleteAndList() {
        assertThat(grants(policy("temppic-expiry"))).containsExactlyInAnyOrder(
                "s3:DeleteObject on " + OBJECTS_ARN,
                "s3:ListBucket on " + BUCKET_ARN,
                "s3:HeadBucket on " + BUCKET_ARN);
    }

    @Test
    void noPolicyUsesWildcards() {
        for (String name : List.of("temppic-upload", "temppic-serving", "temppic-expiry")) {
            assertThat(grants(policy(name))).as(name)
                    .noneMatch(grant -> grant.startsWith("s3:*") || grant.endsWith(" on *")
                            || grant.contains("arn:aws:s3:::*"));
        }
    }

    @Test
    void lifecycleExpiresAfterOneDay() {
        Map<String, Object> lifecycle = Manifests.parseOne(Manifests.read(MINIO.resolve("lifecycle.json")));

        List<Map<String, Object>> rules = maps(list(lifecycle, "Rules"));

        assertThat(rules).hasSize(1);
        Map<String, Object> rule = rules.get(0);
        assertThat(string(rule, "Status")).isEqualTo("Enabled");
        assertThat(string(map(rule, "Filter"), "Prefix")).as("the rule covers the whole bucket").isEmpty();
        assertThat(string(map(rule, "Expiration"), "Days")).isEqualTo("1");
    }

    @Test
    void setupScriptUsesEveryPolicy() {
        String script = Manifests.read(MINIO.resolve("setup-store.sh"));

        assertThat(script).contains("create_user temppic-upload ", "create_user temppic-serving ",
                "create_user temppic-expiry ");
        assertThat(script).contains("mc anonymous set none", "mc encrypt set sse-s3", "mc ilm rule import");
    }
}
