package dev.temppic.deploy;

import dev.temppic.deploy.Manifests.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.temppic.deploy.Manifests.list;
import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.maps;
import static dev.temppic.deploy.Manifests.path;
import static dev.temppic.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks the service manifests of deploy/k8s, the ones `kubectl apply -k deploy/k8s` applies. */
class KubernetesManifestsTest {

    private static final Set<String> SERVICES =
            Set.of("gateway-service", "upload-service", "serving-service", "expiry-service");

    /** Least privilege: the Secrets each Deployment may reference, and no others. */
    private static final Map<String, Set<String>> ALLOWED_SECRETS = Map.of(
            "gateway-service", Set.of("temppic-redis"),
            "upload-service", Set.of("temppic-upload-store", "temppic-crypto", "temppic-redis"),
            "serving-service", Set.of("temppic-serving-store", "temppic-crypto", "temppic-redis"),
            "expiry-service", Set.of("temppic-expiry-store", "temppic-redis"));

    private static Path k8s;
    private static List<Document> applied;
    private static Map<String, Map<String, Object>> configMaps;

    @BeforeAll
    static void loadKustomization() {
        k8s = Manifests.resolve("deploy/k8s");
        Map<String, Object> kustomization = Manifests.parseOne(Manifests.read(k8s.resolve("kustomization.yaml")));
        applied = list(kustomization, "resources").stream()
                .map(resource -> Manifests.loadAll(k8s.resolve(String.valueOf(resource))))
                .flatMap(List::stream)
                .toList();
        configMaps = ofKind("ConfigMap").stream()
                .collect(Collectors.toMap(Document::name, Document::content));
    }

    private static List<Document> ofKind(String kind) {
        return applied.stream().filter(document -> kind.equals(document.kind())).toList();
    }

    private static Map<String, Document> deploymentsByName() {
        return ofKind("Deployment").stream()
                .collect(Collectors.toMap(Document::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void everyFileParsesWithKindAndName() {
        List<Document> all = Manifests.loadTree(k8s);

        assertThat(all).isNotEmpty();
        for (Document document : all) {
            if (document.source().getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            assertThat(string(document.content(), "apiVersion")).as(document.label() + " apiVersion").isNotBlank();
            assertThat(document.kind()).as(document.source() + " kind").isNotBlank();
            assertThat(document.name()).as(document.source() + " metadata.name").isNotBlank();
        }
    }

    @Test
    void kustomizationListsEveryTopLevelManifest() throws IOException {
        Map<String, Object> kustomization = Manifests.parseOne(Manifests.read(k8s.resolve("kustomization.yaml")));
        Set<String> listed = list(kustomization, "resources").stream().map(String::valueOf).collect(Collectors.toSet());

        Set<String> onDisk;
        try (Stream<Path> files = Files.list(k8s)) {
            onDisk = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toSet());
        }

        assertThat(listed).as("resources in kustomization.yaml").isEqualTo(onDisk);
        assertThat(listed).as("Secret templates must stay out of the kustomization")
                .noneMatch(resource -> resource.startsWith("secrets"));
    }

    @Test
    void deploymentsExistForAllServices() {
        assertThat(deploymentsByName().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void deploymentsPassRules() {
        for (Document deployment : ofKind("Deployment")) {
            assertThat(KubernetesRules.checkDeployment(deployment, configMaps)).as(deployment.label()).isEmpty();
        }
    }

    @Test
    void appliedDocumentsHaveNoPlainSecrets() {
        for (Document document : applied) {
            assertThat(KubernetesRules.checkEnvSecrets(document)).as(document.label()).isEmpty();
            assertThat(document.kind()).as(document.label() + " must not be a Secret with real values")
                    .isNotEqualTo("Secret");
        }
        for (Document configMap : ofKind("ConfigMap")) {
            assertThat(KubernetesRules.checkConfigMap(configMap)).as(configMap.label()).isEmpty();
        }
    }

    @Test
    void eachServiceReferencesOnlyItsSecrets() {
        for (Map.Entry<String, Document> entry : deploymentsByName().entrySet()) {
            assertThat(KubernetesRules.referencedSecrets(entry.getValue()))
                    .as("Secrets of " + entry.getKey())
                    .containsExactlyInAnyOrderElementsOf(ALLOWED_SECRETS.get(entry.getKey()));
        }
    }

    @Test
    void gatewayHasNoStoreCredentials() {
        Document gateway = deploymentsByName().get("gateway-service");

        Set<String> names = KubernetesRules.environmentNames(gateway, configMaps);

        assertThat(names).noneMatch(name -> name.startsWith("TEMPPIC_STORE_"));
        assertThat(names).noneMatch(name -> name.startsWith("TEMPPIC_CRYPTO_"));
        assertThat(KubernetesRules.referencedSecrets(gateway)).containsExactly("temppic-redis");
    }

    @Test
    void expiryHasNoMasterKey() {
        Document expiry = deploymentsByName().get("expiry-service");

        assertThat(KubernetesRules.environmentNames(expiry, configMaps)).doesNotContain("TEMPPIC_CRYPTO_MASTER_KEY");
    }

    @Test
    void onlyGatewayHasIngress() {
        List<Document> ingresses = ofKind("Ingress");

        assertThat(ingresses).hasSize(1);
        Map<String, Object> spec = map(ingresses.get(0).content(), "spec");
        List<String> backends = maps(list(spec, "rules")).stream()
                .flatMap(rule -> maps(list(map(rule, "http"), "paths")).stream())
                .map(pathRule -> string(path(pathRule, "backend", "service"), "name"))
                .toList();
        assertThat(backends).isNotEmpty().containsOnly("gateway-service");
        assertThat(maps(list(spec, "tls"))).as("Ingress TLS").isNotEmpty()
                .allSatisfy(tls -> assertThat(string(tls, "secretName")).isNotBlank());
    }

    @Test
    void servicesAreClusterInternal() {
        for (Document service : ofKind("Service")) {
            String type = string(map(service.content(), "spec"), "type");
            assertThat(type == null ? "ClusterIP" : type).as(service.label() + " type").isEqualTo("ClusterIP");
        }
    }

    @Test
    void autoscalersTargetUploadAndServing() {
        List<Document> autoscalers = ofKind("HorizontalPodAutoscaler");
        Map<String, Document> deployments = deploymentsByName();

        Set<String> targets = autoscalers.stream()
                .map(hpa -> string(path(hpa.content(), "spec", "scaleTargetRef"), "name"))
                .collect(Collectors.toSet());
        assertThat(targets).containsExactlyInAnyOrder("upload-service", "serving-service");

        for (Document hpa : autoscalers) {
            Map<String, Object> spec = map(hpa.content(), "spec");
            int min = Integer.parseInt(string(spec, "minReplicas"));
            int max = Integer.parseInt(string(spec, "maxReplicas"));
            assertThat(min).as(hpa.label() + " minReplicas").isGreaterThanOrEqualTo(2);
            assertThat(max).as(hpa.label() + " maxReplicas").isGreaterThan(min);
            assertThat(string(map(spec, "scaleTargetRef"), "kind")).isEqualTo("Deployment");

            Document target = deployments.get(string(map(spec, "scaleTargetRef"), "name"));
            assertThat(map(target.content(), "spec"))
                    .as(target.label() + " must leave replicas to its autoscaler")
                    .doesNotContainKey("replicas");
        }
    }

    @Test
    void expiryStaysWithinPartitionCount() {
        Document expiry = deploymentsByName().get("expiry-service");

        int replicas = Integer.parseInt(string(map(expiry.content(), "spec"), "replicas"));

        // temppic.image-events has 6 partitions, so consumers beyond 6 in one group stay idle.
        assertThat(replicas).isBetween(2, 6);
    }

    @Test
    void everyDeploymentHasDisruptionBudget() {
        Set<String> covered = ofKind("PodDisruptionBudget").stream()
                .map(pdb -> string(path(pdb.content(), "spec", "selector", "matchLabels"), "app.kubernetes.io/name"))
                .collect(Collectors.toSet());

        assertThat(covered).containsAll(SERVICES);
    }

    @Test
    void networkPoliciesIsolateServices() {
        List<Document> policies = Stream.concat(ofKind("NetworkPolicy").stream(),
                        Manifests.loadTree(k8s.resolve("platform")).stream()
                                .filter(document -> "NetworkPolicy".equals(document.kind())))
                .toList();

        assertThat(policies).isNotEmpty();
        assertThat(NetworkPolicyRules.checkIsolation(policies)).isEmpty();
    }

    @Test
    void networkPoliciesLetGatewayReachBackends() {
        Map<String, Set<String>> ingress = NetworkPolicyRules.ingressPeers(ofKind("NetworkPolicy"));
        Map<String, Set<String>> egress = NetworkPolicyRules.egressPeers(ofKind("NetworkPolicy"));

        assertThat(ingress.get(NetworkPolicyRules.GATEWAY)).contains("namespace:ingress-nginx");
        assertThat(ingress.get(NetworkPolicyRules.UPLOAD)).contains(NetworkPolicyRules.GATEWAY);
        assertThat(ingress.get(NetworkPolicyRules.SERVING)).contains(NetworkPolicyRules.GATEWAY);
        assertThat(egress.get(NetworkPolicyRules.GATEWAY))
                .contains(NetworkPolicyRules.UPLOAD, NetworkPolicyRules.SERVING, NetworkPolicyRules.REDIS)
                .doesNotContain(NetworkPolicyRules.STORE);
        for (String backend : List.of(NetworkPolicyRules.UPLOAD, NetworkPolicyRules.SERVING, NetworkPolicyRules.EXPIRY)) {
            assertThat(egress.get(backend)).as("egress of " + backend)
                    .contains(NetworkPolicyRules.STORE, NetworkPolicyRules.REDIS, "kafka:temppic-kafka");
        }
    }

    @Test
    void secretTemplatesHoldOnlyPlaceholders() {
        List<Document> secrets = Manifests.loadTree(k8s.resolve("secrets")).stream()
                .filter(document -> "Secret".equals(document.kind()))
                .toList();
        Set<String> names = secrets.stream().map(Document::name).collect(Collectors.toSet());

        assertThat(names).containsAll(ALLOWED_SECRETS.values().stream().flatMap(Set::stream).toList());
        for (Document secret : secrets) {
            assertThat(KubernetesRules.checkSecretTemplate(secret)).as(secret.label()).isEmpty();
        }
    }
}
