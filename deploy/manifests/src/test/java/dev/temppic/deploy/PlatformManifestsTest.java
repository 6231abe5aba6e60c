package dev.temppic.deploy;

import dev.temppic.deploy.Manifests.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks deploy/k8s/platform: the Kafka topics, the MinIO tenant and the store setup job. */
class PlatformManifestsTest {

    private static final Path PLATFORM = Manifests.resolve("deploy/k8s/platform");
    private static final Path COMPOSE_MINIO = Manifests.resolve("deploy/compose/minio");

    private static Document find(String kind, String name) {
        return Manifests.loadTree(PLATFORM).stream()
                .filter(document -> kind.equals(document.kind()) && name.equals(document.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + "/" + name + " not found under " + PLATFORM));
    }

    @Test
    void kafkaTopicsHaveSixPartitions() {
        for (String name : List.of("temppic-image-events", "temppic-image-events-dlt")) {
            Map<String, Object> spec = map(find("KafkaTopic", name).content(), "spec");

            assertThat(string(spec, "partitions")).as(name + " partitions").isEqualTo("6");
            assertThat(Integer.parseInt(string(spec, "replicas"))).as(name + " replicas").isGreaterThanOrEqualTo(3);
            assertThat(string(map(spec, "config"), "min.insync.replicas")).as(name + " min.insync.replicas")
                    .isEqualTo("2");
        }
        assertThat(string(map(find("KafkaTopic", "temppic-image-events").content(), "spec"), "topicName"))
                .isEqualTo("temppic.image-events");
        assertThat(string(map(find("KafkaTopic", "temppic-image-events-dlt").content(), "spec"), "topicName"))
                .isEqualTo("temppic.image-events.DLT");
    }

    @Test
    void kafkaVersionMatchesBuild() {
        Map<String, Object> kafka = map(map(find("Kafka", "temppic-kafka").content(), "spec"), "kafka");

        assertThat(string(kafka, "version")).isEqualTo("4.1.2");
        assertThat(string(map(kafka, "config"), "auto.create.topics.enable")).isEqualTo("false");
    }

    @Test
    void platformDocumentsHaveNoPlainSecrets() {
        for (Document document : Manifests.loadTree(PLATFORM)) {
            assertThat(KubernetesRules.checkEnvSecrets(document)).as(document.label()).isEmpty();
            assertThat(document.kind()).as(document.label()).isNotEqualTo("Secret");
        }
    }

    @Test
    void tenantEnablesAutoEncryption() {
        Document tenant = find("Tenant", "temppic-store");

        Map<String, Object> env = map(tenant.content(), "spec");
        assertThat(Manifests.maps(Manifests.list(env, "env")))
                .anySatisfy(variable -> {
                    assertThat(string(variable, "name")).isEqualTo("MINIO_KMS_AUTO_ENCRYPTION");
                    assertThat(string(variable, "value")).isEqualTo("on");
                });
    }

    @Test
    void storeSetupMatchesComposeCopy() {
        Map<String, Object> data = map(find("ConfigMap", "temppic-store-setup").content(), "data");

        assertThat(string(data, "setup-store.sh"))
                .isEqualTo(Manifests.read(COMPOSE_MINIO.resolve("setup-store.sh")));
        assertThat(string(data, "lifecycle.json"))
                .isEqualTo(Manifests.read(COMPOSE_MINIO.resolve("lifecycle.json")));
        for (String policy : List.of("temppic-upload", "temppic-serving", "temppic-expiry")) {
            assertThat(string(data, policy + ".json")).as(policy)
                    .isEqualTo(Manifests.read(COMPOSE_MINIO.resolve("policies/" + policy + ".json")));
        }
    }

    @Test
    void storeSetupJobReadsStoreSecrets() {
        Document job = find("Job", "temppic-store-setup");

        assertThat(KubernetesRules.referencedSecrets(job)).containsExactlyInAnyOrder(
                "temppic-upload-store", "temppic-serving-store", "temppic-expiry-store",
                "temppic-store-env-configuration");
    }
}
