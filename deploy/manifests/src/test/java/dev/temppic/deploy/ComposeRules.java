package dev.temppic.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.temppic.deploy.Manifests.list;
import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.path;
import static dev.temppic.deploy.Manifests.string;

/**
 * Rules for deploy/compose/docker-compose.yml, applied to the parsed file (merge keys resolved).
 * Each method returns the list of violations, empty when the file passes.
 */
final class ComposeRules {

    static final String GATEWAY = "gateway-service";
    static final String STORE = "minio";
    static final Set<String> APPLICATION_SERVICES =
            Set.of("gateway-service", "upload-service", "serving-service", "expiry-service");
    /** Services that may share a network with the store: the three store users and the setup job. */
    static final Set<String> STORE_CLIENTS = Set.of("upload-service", "serving-service", "expiry-service", "minio-init");
    static final String SERVICE_DOCKERFILE = "deploy/docker/service.Dockerfile";

    private ComposeRules() {
    }

    /** Runs every rule on a parsed compose file. */
    static List<String> check(Map<String, Object> compose) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> services = map(compose, "services");
        if (services.isEmpty()) {
            violations.add("compose file has no services");
            return violations;
        }
        for (String name : services.keySet()) {
            Map<String, Object> service = map(services, name);
            checkHealthAndLimits(name, service, violations);
            checkPorts(name, service, violations);
            checkDependencies(name, service, services, violations);
            checkEnvironmentSecrets(name, service, violations);
            checkPrivileges(name, service, violations);
        }
        for (String name : APPLICATION_SERVICES) {
            if (!services.containsKey(name)) {
                violations.add("service " + name + " is missing");
            } else {
                checkApplicationService(name, map(services, name), violations);
            }
        }
        checkGatewayHasNoStoreAccess(services, violations);
        checkStoreNetworkIsolation(services, violations);
        checkNoKeyMaterialAnywhere(compose, "", violations);
        return violations;
    }

    /**
     * Returns whether a service is a one-shot setup job, which declares restart "no". All other
     * services are long-running.
     */
    static boolean isOneShot(Map<String, Object> service) {
        return "no".equals(string(service, "restart"));
    }

    private static void checkHealthAndLimits(String name, Map<String, Object> service, List<String> violations) {
        if (isOneShot(service)) {
            return;
        }
        Map<String, Object> healthcheck = map(service, "healthcheck");
        if (list(healthcheck, "test").isEmpty() && string(healthcheck, "test") == null) {
            violations.add("service " + name + ": healthcheck.test is missing");
        }
        if ("true".equals(string(healthcheck, "disable"))) {
            violations.add("service " + name + ": healthcheck is disabled");
        }
        Map<String, Object> limits = path(service, "deploy", "resources", "limits");
        if (string(limits, "memory") == null) {
            violations.add("service " + name + ": deploy.resources.limits.memory is missing");
        }
        if (string(limits, "cpus") == null) {
            violations.add("service " + name + ": deploy.resources.limits.cpus is missing");
        }
    }

    private static void checkPorts(String name, Map<String, Object> service, List<String> violations) {
        boolean publishes = !list(service, "ports").isEmpty();
        if (publishes && !GATEWAY.equals(name)) {
            violations.add("service " + name + " publishes ports; only " + GATEWAY + " may");
        }
        if ("host".equals(string(service, "network_mode"))) {
            violations.add("service " + name + " uses network_mode host, which bypasses network isolation");
        }
    }

    private static void checkDependencies(String name, Map<String, Object> service, Map<String, Object> services,
                                          List<String> violations) {
        if (service.get("depends_on") instanceof List<?>) {
            violations.add("service " + name + ": depends_on must use the long form with a condition");
            return;
        }
        for (Map.Entry<String, Object> dependency : map(service, "depends_on").entrySet()) {
            String target = dependency.getKey();
            String condition = string(dependency.getValue(), "condition");
            Map<String, Object> targetService = map(services, target);
            if ("service_healthy".equals(condition)) {
                if (map(targetService, "healthcheck").isEmpty()) {
                    violations.add("service " + name + " waits for " + target + " to be healthy, but it has no healthcheck");
                }
            } else if ("service_completed_successfully".equals(condition)) {
                if (!isOneShot(targetService)) {
                    violations.add("service " + name + " waits for " + target + " to complete, but it is long-running");
                }
            } else {
                violations.add("service " + name + ": depends_on " + target
                        + " needs condition service_healthy or service_completed_successfully, got " + condition);
            }
        }
    }

    /** Returns the environment of a service as a map, accepting both the map and the "NAME=value" list form. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else if (raw instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int separator = text.indexOf('=');
                environment.put(separator < 0 ? text : text.substring(0, separator),
                        separator < 0 ? null : text.substring(separator + 1));
            }
        }
        return environment;
    }

    private static void checkEnvironmentSecrets(String name, Map<String, Object> service, List<String> violations) {
        for (Map.Entry<String, String> variable : environment(service).entrySet()) {
            if (Secrets.isSecretName(variable.getKey()) && !Secrets.isComposeInterpolation(variable.getValue())) {
                violations.add("service " + name + ": " + variable.getKey()
                        + " looks like a secret and must come from .env as ${" + variable.getKey() + "}, not a literal");
            }
        }
    }

    private static void checkPrivileges(String name, Map<String, Object> service, List<String> violations) {
        if ("true".equals(string(service, "privileged"))) {
            violations.add("service " + name + " is privileged");
        }
        if (!list(service, "cap_add").isEmpty()) {
            violations.add("service " + name + " adds capabilities " + list(service, "cap_add"));
        }
    }

    private static void checkApplicationService(String name, Map<String, Object> service, List<String> violations) {
        Map<String, String> environment = environment(service);
        if (!"0.0.0.0".equals(environment.get("SERVER_ADDRESS"))) {
            violations.add("service " + name + ": SERVER_ADDRESS must be 0.0.0.0, got " + environment.get("SERVER_ADDRESS"));
        }
        if (!SERVICE_DOCKERFILE.equals(string(map(service, "build"), "dockerfile"))) {
            violations.add("service " + name + ": must build from " + SERVICE_DOCKERFILE);
        }
        if (!name.equals(string(path(service, "build", "args"), "MODULE"))) {
            violations.add("service " + name + ": build arg MODULE must be " + name);
        }
        if (!"true".equals(string(service, "read_only"))) {
            violations.add("service " + name + ": read_only must be true");
        }
        if (!list(service, "cap_drop").contains("ALL")) {
            violations.add("service " + name + ": cap_drop must contain ALL");
        }
        String readinessUrlFragment = "/actuator/health/readiness";
        if (!String.valueOf(map(service, "healthcheck").get("test")).contains(readinessUrlFragment)) {
            violations.add("service " + name + ": healthcheck must query " + readinessUrlFragment);
        }
    }

    private static void checkGatewayHasNoStoreAccess(Map<String, Object> services, List<String> violations) {
        Map<String, Object> gateway = map(services, GATEWAY);
        for (String variable : environment(gateway).keySet()) {
            if (variable.startsWith("TEMPPIC_STORE_") || variable.startsWith("TEMPPIC_CRYPTO_")) {
                violations.add("service " + GATEWAY + " must hold no store credentials or master key, but sets " + variable);
            }
        }
    }

    private static void checkStoreNetworkIsolation(Map<String, Object> services, List<String> violations) {
        Set<String> storeNetworks = networks(map(services, STORE));
        for (String name : services.keySet()) {
            if (name.equals(STORE) || STORE_CLIENTS.contains(name)) {
                continue;
            }
            Set<String> shared = new LinkedHashSet<>(networks(map(services, name)));
            shared.retainAll(storeNetworks);
            if (!shared.isEmpty()) {
                violations.add("service " + name + " shares network " + shared + " with " + STORE
                        + "; only " + STORE_CLIENTS + " may");
            }
        }
    }

    /** Returns the networks a service joins. Without a networks key Compose puts it on "default". */
    static Set<String> networks(Map<String, Object> service) {
        Set<String> names = new LinkedHashSet<>();
        Object raw = service.get("networks");
        if (raw instanceof List<?> entries) {
            entries.forEach(entry -> names.add(String.valueOf(entry)));
        } else if (raw instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> names.add(String.valueOf(key)));
        } else {
            names.add("default");
        }
        return names;
    }

    private static void checkNoKeyMaterialAnywhere(Object node, String where, List<String> violations) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> checkNoKeyMaterialAnywhere(value, where + "/" + key, violations));
        } else if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                checkNoKeyMaterialAnywhere(items.get(i), where + "[" + i + "]", violations);
            }
        } else if (node instanceof String text && Secrets.looksLikeKeyMaterial(text)) {
            violations.add(where + " holds a value that looks like key material; move it to .env");
        }
    }
}
