package dev.temppic.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks deploy/compose: the compose file, .env.example and the Kafka topic script. */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = Manifests.resolve("deploy/compose");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

    private static Map<String, Object> compose() {
        return Manifests.parseOne(Manifests.read(COMPOSE_DIR.resolve("docker-compose.yml")));
    }

    private static Map<String, Object> service(String name) {
        return map(map(compose(), "services"), name);
    }

    /** Parses .env.example: NAME=value lines, ignoring comments and blank lines. */
    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Manifests.read(COMPOSE_DIR.resolve(".env.example")).split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int separator = stripped.indexOf('=');
            variables.put(stripped.substring(0, separator), stripped.substring(separator + 1));
        }
        return variables;
    }

    @Test
    void composePassesRules() {
        assertThat(ComposeRules.check(compose())).isEmpty();
    }

    @Test
    void composeHasExpectedServices() {
        assertThat(map(compose(), "services").keySet()).containsExactlyInAnyOrder(
                "minio", "minio-init", "kafka", "kafka-init", "redis",
                "gateway-service", "upload-service", "serving-service", "expiry-service");
    }

    @Test
    void onlyGatewayPublishesPort() {
        for (String name : map(compose(), "services").keySet()) {
            boolean publishes = !Manifests.list(service(name), "ports").isEmpty();
            assertThat(publishes).as(name + " publishes ports").isEqualTo(name.equals("gateway-service"));
        }
    }

    @Test
    void envExampleCoversRequiredVariables() {
        Matcher matcher = REQUIRED_VARIABLE.matcher(Manifests.read(COMPOSE_DIR.resolve("docker-compose.yml")));
        Set<String> required = new TreeSet<>();
        while (matcher.find()) {
            required.add(matcher.group(1));
        }

        assertThat(required).isNotEmpty();
        assertThat(envExample().keySet()).containsAll(required);
    }

    @Test
    void envExampleHoldsOnlyPlaceholders() {
        for (Map.Entry<String, String> variable : envExample().entrySet()) {
            String name = variable.getKey();
            boolean isUserName = name.endsWith("_ACCESS_KEY") || name.equals("MINIO_ROOT_USER");
            if (Secrets.isSecretName(name) && !isUserName) {
                assertThat(Secrets.isPlaceholder(variable.getValue())).as(name + " must be a placeholder").isTrue();
            }
            assertThat(Secrets.looksLikeKeyMaterial(variable.getValue())).as(name).isFalse();
        }
    }

    @Test
    void realEnvFileIsIgnored() {
        String gitignore = Manifests.read(COMPOSE_DIR.resolve(".gitignore"));

        assertThat(gitignore.lines()).contains(".env", "!.env.example");
    }

    @Test
    void redisPersistsWithoutEviction() {
        String command = String.valueOf(service("redis").get("command"));

        assertThat(command).contains("--appendonly yes", "--maxmemory-policy noeviction", "$$REDIS_PASSWORD");
    }

    @Test
    void minioEncryptsWithKeyFromEnv() {
        Map<String, String> environment = ComposeRules.environment(service("minio"));

        assertThat(environment.get("MINIO_KMS_AUTO_ENCRYPTION")).isEqualTo("on");
        assertThat(Secrets.isComposeInterpolation(environment.get("MINIO_KMS_SECRET_KEY"))).isTrue();
    }

    @Test
    void kafkaRunsKraftWithPinnedImage() {
        Map<String, Object> kafka = service("kafka");
        Map<String, String> environment = ComposeRules.environment(kafka);

        assertThat(string(kafka, "image")).isEqualTo("apache/kafka:4.1.2");
        assertThat(environment.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(environment.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
    }

    @Test
    void kafkaInitCreatesSixPartitionTopics() {
        Map<String, String> environment = ComposeRules.environment(service("kafka-init"));
        String script = Manifests.read(COMPOSE_DIR.resolve("kafka/create-topics.sh"));

        assertThat(environment.get("PARTITIONS")).isEqualTo("6");
        assertThat(script).contains("temppic.image-events temppic.image-events.DLT");
    }

    @Test
    void storeUsersGetTheirOwnCredentials() {
        for (String name : new String[] {"upload-service", "serving-service", "expiry-service"}) {
            String prefix = name.substring(0, name.indexOf('-')).toUpperCase();
            Map<String, String> environment = ComposeRules.environment(service(name));

            assertThat(environment.get("TEMPPIC_STORE_ACCESS_KEY")).as(name)
                    .startsWith("${" + prefix + "_STORE_ACCESS_KEY:?");
            assertThat(environment.get("TEMPPIC_STORE_SECRET_KEY")).as(name)
                    .startsWith("${" + prefix + "_STORE_SECRET_KEY:?");
        }
        assertThat(ComposeRules.environment(service("expiry-service"))).doesNotContainKey("TEMPPIC_CRYPTO_MASTER_KEY");
    }
}
