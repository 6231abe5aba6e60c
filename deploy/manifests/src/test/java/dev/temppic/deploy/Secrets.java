package dev.temppic.deploy;

import java.util.regex.Pattern;

/** Heuristics that tell secret-bearing names and values from ordinary configuration. */
final class Secrets {

    /** Names of variables or keys whose value must never be written in plain text. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(SECRET|KEY|PASSWORD|PASSWD|TOKEN|CREDENTIAL|REDISCLI_AUTH).*");

    /**
     * Values that look like generated key material: 32 or more characters of the Base64 or hex
     * alphabet, mixing letters and digits, optionally after a "name:" prefix as in MinIO's KMS key.
     */
    private static final Pattern KEY_MATERIAL =
            Pattern.compile("(?:[A-Za-z0-9_.-]{1,40}:)?[A-Za-z0-9+/_-]{32,}={0,2}");

    /** Docker Compose interpolation of a variable from .env, e.g. {@code ${REDIS_PASSWORD:?message}}. */
    private static final Pattern COMPOSE_INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+(?::?[?-][^}]*)?}");

    /** The marker every value in a Secret template or .env.example must carry instead of a secret. */
    static final String PLACEHOLDER_MARKER = "REPLACE_";

    private Secrets() {
    }

    static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    static boolean looksLikeKeyMaterial(String value) {
        if (value == null || !KEY_MATERIAL.matcher(value).matches()) {
            return false;
        }
        boolean hasDigit = value.chars().anyMatch(Character::isDigit);
        boolean hasLetter = value.chars().anyMatch(Character::isLetter);
        return hasDigit && hasLetter;
    }

    /** Returns whether the whole value is one Compose interpolation, so the secret itself comes from .env. */
    static boolean isComposeInterpolation(String value) {
        return value != null && COMPOSE_INTERPOLATION.matcher(value.strip()).matches();
    }

    static boolean isPlaceholder(String value) {
        return value != null && value.contains(PLACEHOLDER_MARKER);
    }
}
