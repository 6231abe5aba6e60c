package dev.temppic.deploy;

import dev.temppic.deploy.Manifests.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.temppic.deploy.Manifests.list;
import static dev.temppic.deploy.Manifests.map;
import static dev.temppic.deploy.Manifests.maps;
import static dev.temppic.deploy.Manifests.string;

/**
 * Reads NetworkPolicies as "who may talk to whom" and checks TempPic's isolation rules.
 *
 * <p>Pods and peers are written as short tokens: {@code app:upload-service} (label
 * app.kubernetes.io/name), {@code tenant:temppic-store} (MinIO tenant pods), {@code redis:temppic-redis},
 * {@code kafka:temppic-kafka}, {@code part-of:temppic}, {@code namespace:ingress-nginx} (any pod in
 * that namespace) and {@code any} (a rule without peers, which admits every source).
 */
final class NetworkPolicyRules {

    static final String GATEWAY = "app:gateway-service";
    static final String UPLOAD = "app:upload-service";
    static final String SERVING = "app:serving-service";
    static final String EXPIRY = "app:expiry-service";
    static final String STORE_SETUP = "app:temppic-store-setup";
    static final String STORE = "tenant:temppic-store";
    static final String REDIS = "redis:temppic-redis";

    /** The only pods allowed to reach MinIO: the three store users and the setup job. */
    static final Set<String> STORE_CLIENTS = Set.of(UPLOAD, SERVING, EXPIRY, STORE_SETUP);

    /** The only pods allowed to reach Redis: the four services. */
    static final Set<String> REDIS_CLIENTS = Set.of(GATEWAY, UPLOAD, SERVING, EXPIRY);

    private NetworkPolicyRules() {
    }

    /** Returns, for each selected pod token, every peer admitted by some ingress rule. */
    static Map<String, Set<String>> ingressPeers(List<Document> policies) {
        return peers(policies, "Ingress", "ingress", "from");
    }

    /** Returns, for each selected pod token, every peer reachable through some egress rule. */
    static Map<String, Set<String>> egressPeers(List<Document> policies) {
        return peers(policies, "Egress", "egress", "to");
    }

    private static Map<String, Set<String>> peers(List<Document> policies, String policyType, String rulesKey,
                                                  String peersKey) {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (Document policy : policies) {
            Map<String, Object> spec = map(policy.content(), "spec");
            if (!policyTypes(spec).contains(policyType)) {
                continue;
            }
            Set<String> targets = describeSelector(map(spec, "podSelector"));
            for (Map<String, Object> rule : maps(list(spec, rulesKey))) {
                Set<String> rulePeers = new LinkedHashSet<>();
                List<Map<String, Object>> peerList = maps(list(rule, peersKey));
                if (peerList.isEmpty()) {
                    rulePeers.add("any");
                }
                for (Map<String, Object> peer : peerList) {
                    rulePeers.addAll(describePeer(peer));
                }
                for (String target : targets) {
                    result.computeIfAbsent(target, key -> new TreeSet<>()).addAll(rulePeers);
                }
            }
        }
        return result;
    }

    /** Kubernetes defaults policyTypes to Ingress, plus Egress when the policy has egress rules. */
    private static Set<String> policyTypes(Map<String, Object> spec) {
        Set<String> types = new LinkedHashSet<>();
        for (Object type : list(spec, "policyTypes")) {
            types.add(String.valueOf(type));
        }
        if (types.isEmpty()) {
            types.add("Ingress");
            if (!list(spec, "egress").isEmpty()) {
                types.add("Egress");
            }
        }
        return types;
    }

    private static Set<String> describePeer(Map<String, Object> peer) {
        Map<String, Object> namespaceSelector = map(peer, "namespaceSelector");
        if (peer.containsKey("namespaceSelector")) {
            String namespace = string(map(namespaceSelector, "matchLabels"), "kubernetes.io/metadata.name");
            return Set.of(namespace != null ? "namespace:" + namespace : "namespace:*");
        }
        if (peer.containsKey("ipBlock")) {
            return Set.of("ipBlock:" + string(map(peer, "ipBlock"), "cidr"));
        }
        return describeSelector(map(peer, "podSelector"));
    }

    static Set<String> describeSelector(Map<String, Object> selector) {
        Set<String> tokens = new LinkedHashSet<>();
        Map<String, Object> labels = map(selector, "matchLabels");
        if (labels.containsKey("v1.min.io/tenant")) {
            tokens.add("tenant:" + labels.get("v1.min.io/tenant"));
        } else if (labels.containsKey("strimzi.io/cluster")) {
            tokens.add("kafka:" + labels.get("strimzi.io/cluster"));
        } else if ("redis".equals(labels.get("app.kubernetes.io/name"))) {
            tokens.add("redis:" + labels.get("app.kubernetes.io/instance"));
        } else if (labels.containsKey("app.kubernetes.io/name")) {
            tokens.add("app:" + labels.get("app.kubernetes.io/name"));
        } else if (labels.containsKey("app.kubernetes.io/part-of")) {
            tokens.add("part-of:" + labels.get("app.kubernetes.io/part-of"));
        } else if (!labels.isEmpty()) {
            tokens.add("labels:" + labels);
        }
        for (Map<String, Object> expression : maps(list(selector, "matchExpressions"))) {
            if ("app.kubernetes.io/name".equals(string(expression, "key"))
                    && "In".equals(string(expression, "operator"))) {
                for (Object value : list(expression, "values")) {
                    tokens.add("app:" + value);
                }
            } else {
                tokens.add("expression:" + expression);
            }
        }
        if (tokens.isEmpty()) {
            tokens.add("all-pods");
        }
        return tokens;
    }

    /** Checks TempPic's isolation rules over all NetworkPolicies of the deployment. */
    static List<String> checkIsolation(List<Document> policies) {
        List<String> violations = new ArrayList<>();
        checkDefaultDeny(policies, violations);

        Map<String, Set<String>> ingress = ingressPeers(policies);
        Map<String, Set<String>> egress = egressPeers(policies);

        requireOnly(ingress, GATEWAY, Set.of("namespace:ingress-nginx", "namespace:monitoring"), violations);
        requireOnly(ingress, UPLOAD, Set.of(GATEWAY, "namespace:monitoring"), violations);
        requireOnly(ingress, SERVING, Set.of(GATEWAY, "namespace:monitoring"), violations);
        requireOnly(ingress, EXPIRY, Set.of("namespace:monitoring"), violations);

        Set<String> storeSources = new LinkedHashSet<>(STORE_CLIENTS);
        storeSources.add(STORE);
        storeSources.add("namespace:minio-operator");
        requireOnly(ingress, STORE, storeSources, violations);
        if (!ingress.containsKey(STORE)) {
            violations.add("no NetworkPolicy limits ingress to the MinIO tenant pods (" + STORE + ")");
        }

        Set<String> redisSources = new LinkedHashSet<>(REDIS_CLIENTS);
        redisSources.add(REDIS);
        requireOnly(ingress, REDIS, redisSources, violations);
        if (!ingress.containsKey(REDIS)) {
            violations.add("no NetworkPolicy limits ingress to the Redis pods (" + REDIS + ")");
        }

        for (Map.Entry<String, Set<String>> entry : egress.entrySet()) {
            if (entry.getValue().contains(STORE) && !STORE_CLIENTS.contains(entry.getKey())) {
                violations.add(entry.getKey() + " may reach the store, but only " + new TreeSet<>(STORE_CLIENTS)
                        + " may");
            }
            if (entry.getValue().contains("any")) {
                violations.add(entry.getKey() + " has an egress rule without peers, which allows every destination");
            }
        }
        return violations;
    }

    private static void checkDefaultDeny(List<Document> policies, List<String> violations) {
        boolean found = policies.stream().anyMatch(policy -> {
            Map<String, Object> spec = map(policy.content(), "spec");
            return describeSelector(map(spec, "podSelector")).contains("part-of:temppic")
                    && policyTypes(spec).containsAll(Set.of("Ingress", "Egress"))
                    && list(spec, "ingress").isEmpty()
                    && list(spec, "egress").isEmpty();
        });
        if (!found) {
            violations.add("no default-deny NetworkPolicy (Ingress and Egress, no rules) selects the temppic pods");
        }
    }

    private static void requireOnly(Map<String, Set<String>> peersByTarget, String target, Set<String> allowed,
                                    List<String> violations) {
        for (String peer : peersByTarget.getOrDefault(target, Set.of())) {
            if (!allowed.contains(peer)) {
                violations.add(target + " admits ingress from " + peer + ", but only " + new TreeSet<>(allowed)
                        + " may reach it");
            }
        }
    }
}
