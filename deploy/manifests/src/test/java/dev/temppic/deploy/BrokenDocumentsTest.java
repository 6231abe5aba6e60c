package dev.temppic.deploy;

import dev.temppic.deploy.Manifests.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.temppic.deploy.Manifests.list;
import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.maps;
import static dev.temppic.deploy.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the rules can fail: each test takes a fresh copy of a real manifest, breaks one
 * thing in memory and expects the matching violation. Without these, a rule that never fires
 * would let every check above pass.
 */
class BrokenDocumentsTest {

    private static final Path K8S = Manifests.resolve("deploy/k8s");
    private static final Path COMPOSE_FILE = Manifests.resolve("deploy/compose/docker-compose.yml");
    private static final Path DOCKERFILE = Manifests.resolve("deploy/docker/service.Dockerfile");

    private static Document freshDeployment(String name) {
        return Manifests.loadAll(K8S.resolve(name + ".yaml")).stream()
                .filter(document -> "Deployment".equals(document.kind()))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Map<String, Object>> configMaps() {
        return Manifests.loadAll(K8S.resolve("configmaps.yaml")).stream()
                .collect(Collectors.toMap(Document::name, Document::content));
    }

    private static Map<String, Object> firstContainer(Document deployment) {
        return maps(list(path(deployment.content(), "spec", "template", "spec"), "containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mutableEnv(Map<String, Object> container) {
        return (List<Object>) container.get("env");
    }

    private static Map<String, Object> envEntry(String name, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value);
        return entry;
    }

    private static List<String> check(Document deployment) {
        return KubernetesRules.checkDeployment(deployment, configMaps());
    }

    @Test
    void realDeploymentPassesBeforeBreaking() {
        assertThat(check(freshDeployment("upload-service"))).isEmpty();
    }

    @Test
    void deploymentWithoutReadinessProbeFails() {
        Document deployment = freshDeployment("upload-service");
        firstContainer(deployment).remove("readinessProbe");

        assertThat(check(deployment)).anyMatch(violation -> violation.contains("readinessProbe is missing"));
    }

    @Test
    void livenessProbeOutsideActuatorFails() {
        Document deployment = freshDeployment("serving-service");
        map(map(firstContainer(deployment), "livenessProbe"), "httpGet").put("path", "/");

        assertThat(check(deployment)).anyMatch(violation -> violation.contains("livenessProbe must be an httpGet"));
    }

    @Test
    void deploymentWithoutLimitsFails() {
        Document deployment = freshDeployment("expiry-service");
        map(firstContainer(deployment), "resources").remove("limits");

        assertThat(check(deployment))
                .anyMatch(violation -> violation.contains("resources.limits.memory is missing"))
                .anyMatch(violation -> violation.contains("resources.limits.cpu is missing"));
    }

    @Test
    void deploymentRunningAsRootFails() {
        Document deployment = freshDeployment("gateway-service");
        map(firstContainer(deployment), "securityContext").put("runAsNonRoot", false);
        path(deployment.content(), "spec", "template", "spec", "securityContext").put("runAsUser", 0);

        assertThat(check(deployment))
                .anyMatch(violation -> violation.contains("runAsNonRoot must be true"))
                .anyMatch(violation -> violation.contains("runAsUser must not be 0"));
    }

    @Test
    void writableRootWithCapabilitiesFails() {
        Document deployment = freshDeployment("gateway-service");
        Map<String, Object> security = map(firstContainer(deployment), "securityContext");
        security.put("readOnlyRootFilesystem", false);
        map(security, "capabilities").put("drop", List.of("NET_RAW"));

        assertThat(check(deployment))
                .anyMatch(violation -> violation.contains("readOnlyRootFilesystem must be true"))
                .anyMatch(violation -> violation.contains("capabilities.drop must contain ALL"));
    }

    @Test
    void plainSecretValueFails() {
        Document deployment = freshDeployment("upload-service");
        mutableEnv(firstContainer(deployment)).add(envEntry("TEMPPIC_STORE_SECRET_KEY", "hunter2"));

        assertThat(check(deployment))
                .anyMatch(violation -> violation.contains("TEMPPIC_STORE_SECRET_KEY looks like a secret"));
    }

    @Test
    void keyMaterialUnderHarmlessNameFails() {
        Document deployment = freshDeployment("upload-service");
        mutableEnv(firstContainer(deployment))
                .add(envEntry("TEMPPIC_SETTING", "q7Zt0VbXk3LmN9pR2sWc8yHf4JdA6eGu1oTi5KlMn0Q="));

        assertThat(check(deployment)).anyMatch(violation -> violation.contains("looks like key material"));
    }

    @Test
    void loopbackAddressFails() {
        Document deployment = freshDeployment("expiry-service");
        mutableEnv(firstContainer(deployment)).add(envEntry("SERVER_ADDRESS", "127.0.0.1"));

        assertThat(check(deployment)).anyMatch(violation -> violation.contains("SERVER_ADDRESS must be 0.0.0.0"));
    }

    @Test
    void gatewayWithStoreSecretIsDetected() {
        Document gateway = freshDeployment("gateway-service");
        Map<String, Object> secretRef = new LinkedHashMap<>();
        secretRef.put("name", "temppic-upload-store");
        secretRef.put("key", "secret-key");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "TEMPPIC_STORE_SECRET_KEY");
        entry.put("valueFrom", Map.of("secretKeyRef", secretRef));
        mutableEnv(firstContainer(gateway)).add(entry);

        assertThat(KubernetesRules.referencedSecrets(gateway)).contains("temppic-upload-store");
        assertThat(KubernetesRules.environmentNames(gateway, configMaps())).contains("TEMPPIC_STORE_SECRET_KEY");
    }

    @Test
    void secretTemplateWithRealValueFails() {
        Document secret = Manifests.parseAll(Path.of("broken-secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: temppic-crypto
                stringData:
                  master-key: q7Zt0VbXk3LmN9pR2sWc8yHf4JdA6eGu1oTi5KlMn0Q=
                """).get(0);

        assertThat(KubernetesRules.checkSecretTemplate(secret))
                .anyMatch(violation -> violation.contains("stringData.master-key must be a REPLACE_"));
    }

    @Test
    void storeOpenToGatewayFails() {
        List<Document> policies = new ArrayList<>(Manifests.loadAll(K8S.resolve("networkpolicies.yaml")));
        Document storeIngress = policies.stream()
                .filter(policy -> "store-ingress".equals(policy.name()))
                .findFirst()
                .orElseThrow();
        Map<String, Object> firstRule = maps(list(map(storeIngress.content(), "spec"), "ingress")).get(0);
        Map<String, Object> expression = maps(list(path(maps(list(firstRule, "from")).get(0), "podSelector"),
                "matchExpressions")).get(0);
        List<Object> values = new ArrayList<>(list(expression, "values"));
        values.add("gateway-service");
        expression.put("values", values);

        assertThat(NetworkPolicyRules.checkIsolation(policies))
                .anyMatch(violation -> violation.contains("tenant:temppic-store admits ingress from app:gateway-service"));
    }

    @Test
    void missingDefaultDenyFails() {
        List<Document> policies = Manifests.loadAll(K8S.resolve("networkpolicies.yaml")).stream()
                .filter(policy -> !"temppic-default-deny".equals(policy.name()))
                .toList();

        assertThat(NetworkPolicyRules.checkIsolation(policies))
                .anyMatch(violation -> violation.contains("no default-deny NetworkPolicy"));
    }

    @Test
    void composeServiceWithoutHealthcheckFails() {
        Map<String, Object> compose = Manifests.parseOne(Manifests.read(COMPOSE_FILE));
        map(map(compose, "services"), "serving-service").remove("healthcheck");

        assertThat(ComposeRules.check(compose))
                .anyMatch(violation -> violation.contains("service serving-service: healthcheck.test is missing"))
                .anyMatch(violation -> violation.contains("waits for serving-service to be healthy"));
    }

    @Test
    void composeBackendPublishingPortFails() {
        Map<String, Object> compose = Manifests.parseOne(Manifests.read(COMPOSE_FILE));
        map(map(compose, "services"), "redis").put("ports", List.of("6379:6379"));

        assertThat(ComposeRules.check(compose))
                .anyMatch(violation -> violation.contains("service redis publishes ports"));
    }

    @Test
    void composeLiteralSecretFails() {
        Map<String, Object> compose = Manifests.parseOne(Manifests.read(COMPOSE_FILE));
        map(map(map(compose, "services"), "upload-service"), "environment")
                .put("TEMPPIC_CRYPTO_MASTER_KEY", "q7Zt0VbXk3LmN9pR2sWc8yHf4JdA6eGu1oTi5KlMn0Q=");

        assertThat(ComposeRules.check(compose))
                .anyMatch(violation -> violation.contains("TEMPPIC_CRYPTO_MASTER_KEY looks like a secret"))
                .anyMatch(violation -> violation.contains("looks like key material"));
    }

    @Test
    void composeWithoutLimitsFails() {
        Map<String, Object> compose = Manifests.parseOne(Manifests.read(COMPOSE_FILE));
        map(map(compose, "services"), "kafka").remove("deploy");

        assertThat(ComposeRules.check(compose))
                .anyMatch(violation -> violation.contains("service kafka: deploy.resources.limits.memory is missing"));
    }

    @Test
    void composeGatewayWithStoreAccessFails() {
        Map<String, Object> compose = Manifests.parseOne(Manifests.read(COMPOSE_FILE));
        Map<String, Object> gateway = map(map(compose, "services"), "gateway-service");
        map(gateway, "environment").put("TEMPPIC_STORE_ACCESS_KEY", "${UPLOAD_STORE_ACCESS_KEY:?missing}");
        gateway.put("networks", List.of("edge", "app", "cache", "store"));

        assertThat(ComposeRules.check(compose))
                .anyMatch(violation -> violation.contains("must hold no store credentials"))
                .anyMatch(violation -> violation.contains("service gateway-service shares network [store]"));
    }

    @Test
    void composeDependencyWithoutConditionFails() {
        Map<String, Object> compose = Manifests.parseOne(Manifests.read(COMPOSE_FILE));
        map(map(compose, "services"), "gateway-service").put("depends_on", List.of("redis"));

        assertThat(ComposeRules.check(compose))
                .anyMatch(violation -> violation.contains("depends_on must use the long form"));
    }

    @Test
    void dockerfileWithoutUserFails() {
        String dockerfile = Manifests.read(DOCKERFILE).replaceAll("(?m)^USER .*$", "");

        assertThat(DockerfileRules.check(dockerfile))
                .anyMatch(violation -> violation.contains("runtime stage has no USER instruction"));
    }

    @Test
    void dockerfileWithRootUserFails() {
        String dockerfile = Manifests.read(DOCKERFILE).replaceAll("(?m)^USER .*$", "USER root");

        assertThat(DockerfileRules.check(dockerfile))
                .anyMatch(violation -> violation.contains("runtime stage USER is root"));
    }

    @Test
    void dockerfileUserOnlyInBuildStageFails() {
        String dockerfile = """
                FROM maven:3.9-eclipse-temurin-17 AS build
                USER 10001
                RUN mvn package
                FROM eclipse-temurin:17-jre
                ENV SERVER_ADDRESS=0.0.0.0 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0"
                HEALTHCHECK CMD java -version /actuator/health/readiness
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """;

        assertThat(DockerfileRules.check(dockerfile))
                .containsExactly("runtime stage has no USER instruction, so the service would run as root");
    }

    @Test
    void dockerfileHealthcheckWithoutCurlFails() {
        String dockerfile = Manifests.read(DOCKERFILE).replace("install -y --no-install-recommends curl",
                "install -y --no-install-recommends ca-certificates");

        assertThat(DockerfileRules.check(dockerfile))
                .anyMatch(violation -> violation.contains("HEALTHCHECK uses curl, but the runtime stage does not install it"));
    }
}
