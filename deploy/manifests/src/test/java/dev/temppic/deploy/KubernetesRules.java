package dev.temppic.deploy;

import dev.temppic.deploy.Manifests.Document;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.temppic.deploy.Manifests.list;
import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.maps;
import static dev.temppic.deploy.Manifests.path;
import static dev.temppic.deploy.Manifests.string;

/**
 * Rules for Kubernetes manifests. Each method returns the list of violations, empty when the
 * document passes, so the same checks run on the real manifests and on deliberately broken ones.
 */
final class KubernetesRules {

    private static final String HEALTH_PATH_PREFIX = "/actuator/health/";

    private KubernetesRules() {
    }

    /**
     * Checks one Deployment: image, Actuator probes, resource requests and limits, a non-root and
     * read-only security context, and that every container listens on all interfaces.
     *
     * @param configMaps the ConfigMaps of the same kustomization by name, for values set through envFrom
     */
    static List<String> checkDeployment(Document deployment, Map<String, Map<String, Object>> configMaps) {
        List<String> violations = new ArrayList<>();
        String label = deployment.label();
        Map<String, Object> podSpec = path(deployment.content(), "spec", "template", "spec");
        Map<String, Object> podSecurity = map(podSpec, "securityContext");
        List<Map<String, Object>> containers = maps(list(podSpec, "containers"));

        if (containers.isEmpty()) {
            violations.add(label + ": has no containers");
        }
        if (!"false".equals(string(podSpec, "automountServiceAccountToken"))) {
            violations.add(label + ": automountServiceAccountToken must be false; the services never call the API");
        }
        for (Map<String, Object> container : containers) {
            String where = label + " container " + string(container, "name");
            checkImage(container, where, violations);
            checkProbe(container, "readinessProbe", HEALTH_PATH_PREFIX + "readiness", where, violations);
            checkProbe(container, "livenessProbe", HEALTH_PATH_PREFIX + "liveness", where, violations);
            checkResources(container, where, violations);
            checkSecurityContext(podSecurity, map(container, "securityContext"), where, violations);
            checkListensOnAllInterfaces(container, configMaps, where, violations);
        }
        violations.addAll(checkEnvSecrets(deployment));
        return violations;
    }

    private static void checkImage(Map<String, Object> container, String where, List<String> violations) {
        String image = string(container, "image");
        if (image == null || image.isBlank()) {
            violations.add(where + ": image is missing");
        } else if (image.endsWith(":latest") || !image.contains(":")) {
            violations.add(where + ": image " + image + " must carry an explicit tag, not latest");
        }
    }

    private static void checkProbe(Map<String, Object> container, String probeName, String expectedPath,
                                   String where, List<String> violations) {
        Map<String, Object> probe = map(container, probeName);
        if (probe.isEmpty()) {
            violations.add(where + ": " + probeName + " is missing");
            return;
        }
        String probePath = string(map(probe, "httpGet"), "path");
        if (probePath == null || !probePath.startsWith(HEALTH_PATH_PREFIX)) {
            violations.add(where + ": " + probeName + " must be an httpGet on " + HEALTH_PATH_PREFIX + "*, got "
                    + probePath);
        } else if (!probePath.equals(expectedPath)) {
            violations.add(where + ": " + probeName + " path should be " + expectedPath + ", got " + probePath);
        }
    }

    private static void checkResources(Map<String, Object> container, String where, List<String> violations) {
        Map<String, Object> resources = map(container, "resources");
        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (string(map(resources, section), resource) == null) {
                    violations.add(where + ": resources." + section + "." + resource + " is missing");
                }
            }
        }
    }

    private static void checkSecurityContext(Map<String, Object> podSecurity, Map<String, Object> containerSecurity,
                                             String where, List<String> violations) {
        boolean nonRoot = "true".equals(string(containerSecurity, "runAsNonRoot"))
                || ("true".equals(string(podSecurity, "runAsNonRoot"))
                    && !"false".equals(string(containerSecurity, "runAsNonRoot")));
        if (!nonRoot) {
            violations.add(where + ": securityContext.runAsNonRoot must be true");
        }
        for (Map<String, Object> context : List.of(podSecurity, containerSecurity)) {
            if ("0".equals(string(context, "runAsUser"))) {
                violations.add(where + ": securityContext.runAsUser must not be 0 (root)");
            }
        }
        if (!"true".equals(string(containerSecurity, "readOnlyRootFilesystem"))) {
            violations.add(where + ": securityContext.readOnlyRootFilesystem must be true");
        }
        if (!"false".equals(string(containerSecurity, "allowPrivilegeEscalation"))) {
            violations.add(where + ": securityContext.allowPrivilegeEscalation must be false");
        }
        List<Object> dropped = list(map(containerSecurity, "capabilities"), "drop");
        if (!dropped.contains("ALL")) {
            violations.add(where + ": securityContext.capabilities.drop must contain ALL");
        }
        if (!list(map(containerSecurity, "capabilities"), "add").isEmpty()) {
            violations.add(where + ": securityContext.capabilities.add must be empty");
        }
    }

    /** The services default to 127.0.0.1, where neither the kubelet's probes nor other pods reach them. */
    private static void checkListensOnAllInterfaces(Map<String, Object> container,
                                                    Map<String, Map<String, Object>> configMaps,
                                                    String where, List<String> violations) {
        String address = null;
        for (Map<String, Object> source : maps(list(container, "envFrom"))) {
            String configMapName = string(map(source, "configMapRef"), "name");
            if (configMapName != null && configMaps.containsKey(configMapName)) {
                String fromConfigMap = string(map(configMaps.get(configMapName), "data"), "SERVER_ADDRESS");
                address = fromConfigMap != null ? fromConfigMap : address;
            }
        }
        for (Map<String, Object> variable : maps(list(container, "env"))) {
            if ("SERVER_ADDRESS".equals(string(variable, "name"))) {
                address = string(variable, "value");
            }
        }
        if (!"0.0.0.0".equals(address)) {
            violations.add(where + ": SERVER_ADDRESS must be 0.0.0.0 (directly or through a ConfigMap), got " + address);
        }
    }

    /**
     * Finds every container env list anywhere in a document and checks that variables with
     * secret-like names use {@code valueFrom.secretKeyRef}, and that no plain value looks like key material.
     */
    static List<String> checkEnvSecrets(Document document) {
        List<String> violations = new ArrayList<>();
        collectEnvViolations(document.content(), document.label(), violations);
        return violations;
    }

    private static void collectEnvViolations(Object node, String label, List<String> violations) {
        if (node instanceof Map<?, ?> mapNode) {
            for (Map.Entry<?, ?> entry : mapNode.entrySet()) {
                if ("env".equals(entry.getKey()) && entry.getValue() instanceof List<?> env) {
                    checkEnvList(maps(new ArrayList<Object>(env)), label, violations);
                } else {
                    collectEnvViolations(entry.getValue(), label, violations);
                }
            }
        } else if (node instanceof List<?> listNode) {
            for (Object item : listNode) {
                collectEnvViolations(item, label, violations);
            }
        }
    }

    private static void checkEnvList(List<Map<String, Object>> env, String label, List<String> violations) {
        for (Map<String, Object> variable : env) {
            String name = string(variable, "name");
            String value = string(variable, "value");
            Map<String, Object> secretRef = path(variable, "valueFrom", "secretKeyRef");
            if (Secrets.isSecretName(name) && secretRef.isEmpty()) {
                violations.add(label + ": env " + name + " looks like a secret and must use valueFrom.secretKeyRef");
            }
            if (Secrets.looksLikeKeyMaterial(value)) {
                violations.add(label + ": env " + name + " has a plain value that looks like key material");
            }
        }
    }

    /** Checks that a ConfigMap carries no secret-like keys or values. */
    static List<String> checkConfigMap(Document configMap) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(configMap.content(), "data").entrySet()) {
            String value = String.valueOf(entry.getValue());
            if (Secrets.isSecretName(entry.getKey())) {
                violations.add(configMap.label() + ": key " + entry.getKey() + " looks like a secret; use a Secret");
            }
            if (Secrets.looksLikeKeyMaterial(value)) {
                violations.add(configMap.label() + ": value of " + entry.getKey() + " looks like key material");
            }
        }
        return violations;
    }

    /**
     * Checks a Secret template: no base64 {@code data}, and every {@code stringData} value is a
     * placeholder, except access keys, which are MinIO user names and not secret.
     */
    static List<String> checkSecretTemplate(Document secret) {
        List<String> violations = new ArrayList<>();
        if (!map(secret.content(), "data").isEmpty()) {
            violations.add(secret.label() + ": use stringData with placeholders, not base64 data");
        }
        for (Map.Entry<String, Object> entry : map(secret.content(), "stringData").entrySet()) {
            if (entry.getKey().equals("access-key")) {
                continue;
            }
            if (!Secrets.isPlaceholder(String.valueOf(entry.getValue()))) {
                violations.add(secret.label() + ": stringData." + entry.getKey() + " must be a "
                        + Secrets.PLACEHOLDER_MARKER + "... placeholder, not a value");
            }
        }
        return violations;
    }

    /** Returns the names of all Secrets a pod template references, through env, envFrom or volumes. */
    static Set<String> referencedSecrets(Document workload) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Object> podSpec = path(workload.content(), "spec", "template", "spec");
        for (Map<String, Object> container : maps(list(podSpec, "containers"))) {
            for (Map<String, Object> variable : maps(list(container, "env"))) {
                String name = string(path(variable, "valueFrom", "secretKeyRef"), "name");
                if (name != null) {
                    names.add(name);
                }
            }
            for (Map<String, Object> source : maps(list(container, "envFrom"))) {
                String name = string(map(source, "secretRef"), "name");
                if (name != null) {
                    names.add(name);
                }
            }
        }
        for (Map<String, Object> volume : maps(list(podSpec, "volumes"))) {
            String name = string(map(volume, "secret"), "secretName");
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** Returns the names of all environment variables a pod template sets directly or through its ConfigMaps. */
    static Set<String> environmentNames(Document workload, Map<String, Map<String, Object>> configMaps) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Object> podSpec = path(workload.content(), "spec", "template", "spec");
        for (Map<String, Object> container : maps(list(podSpec, "containers"))) {
            for (Map<String, Object> variable : maps(list(container, "env"))) {
                names.add(string(variable, "name"));
            }
            for (Map<String, Object> source : maps(list(container, "envFrom"))) {
                String configMapName = string(map(source, "configMapRef"), "name");
                if (configMapName != null && configMaps.containsKey(configMapName)) {
                    names.addAll(map(configMaps.get(configMapName), "data").keySet());
                }
            }
        }
        return names;
    }
}
