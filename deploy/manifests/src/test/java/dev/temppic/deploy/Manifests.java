package dev.temppic.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads the deployment files of the repository and navigates the parsed YAML trees.
 *
 * <p>Parsing uses SnakeYAML's {@link SafeConstructor}, so documents become plain maps, lists and
 * scalars, and YAML merge keys ({@code <<: *anchor}) are resolved as Docker Compose resolves them.
 */
final class Manifests {

    private Manifests() {
    }

    /** One YAML document of a multi-document file: its source file, its index in that file and its content. */
    record Document(Path source, int index, Map<String, Object> content) {

        String kind() {
            return Manifests.string(content, "kind");
        }

        String name() {
            return Manifests.string(Manifests.map(content, "metadata"), "name");
        }

        /** Returns a short label for assertion messages, e.g. {@code Deployment/upload-service (upload-service.yaml#0)}. */
        String label() {
            return kind() + "/" + name() + " (" + source.getFileName() + "#" + index + ")";
        }
    }

    /** Returns the repository root, from the system property set by the build or relative to the working directory. */
    static Path repositoryRoot() {
        String configured = System.getProperty("temppic.repository.root");
        Path root = configured != null ? Path.of(configured) : Path.of("../..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("deploy/k8s/kustomization.yaml"))) {
            throw new IllegalStateException("Repository root not found: " + root
                    + " has no deploy/k8s/kustomization.yaml. Set -Dtemppic.repository.root to the checkout.");
        }
        return root;
    }

    static Path resolve(String relativePath) {
        return repositoryRoot().resolve(relativePath);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }

    /** Parses every non-empty document of a YAML file. A top-level value that is not a mapping is an error. */
    static List<Document> loadAll(Path file) {
        return parseAll(file, read(file));
    }

    /** Parses YAML text as if it came from {@code source}. Tests use it to build broken documents. */
    @SuppressWarnings("unchecked")
    static List<Document> parseAll(Path source, String yamlText) {
        List<Document> documents = new ArrayList<>();
        int index = 0;
        for (Object loaded : newYaml().loadAll(yamlText)) {
            if (loaded == null) {
                index++;
                continue;
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(source + " document " + index + " is not a mapping: " + loaded);
            }
            documents.add(new Document(source, index, (Map<String, Object>) map));
            index++;
        }
        return documents;
    }

    /** Parses a single YAML (or JSON) document into a mapping. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseOne(String yamlText) {
        Object loaded = newYaml().load(yamlText);
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Expected a mapping, got: " + loaded);
        }
        return (Map<String, Object>) map;
    }

    /** Loads every document of every {@code .yaml} or {@code .yml} file under a folder, in path order. */
    static List<Document> loadTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted()
                    .flatMap(path -> loadAll(path).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + folder, e);
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    // Navigation helpers. For a missing key they return an empty map or list (string returns null),
    // so rules can report what is missing instead of failing with a NullPointerException.

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        if (node instanceof Map<?, ?> map && map.get(key) instanceof Map<?, ?> child) {
            return (Map<String, Object>) child;
        }
        return Map.of();
    }

    static List<Object> list(Object node, String key) {
        if (node instanceof Map<?, ?> map && map.get(key) instanceof List<?> child) {
            return Collections.unmodifiableList(new ArrayList<Object>(child));
        }
        return List.of();
    }

    /** Returns the value as a string, or null when the key is missing. Numbers and booleans are converted. */
    static String string(Object node, String key) {
        if (node instanceof Map<?, ?> map && map.containsKey(key) && map.get(key) != null) {
            return Objects.toString(map.get(key));
        }
        return null;
    }

    /** Follows a path of mapping keys, e.g. {@code path(doc, "spec", "template", "spec")}. */
    static Map<String, Object> path(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            current = map(current, key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(List<Object> items) {
        return items.stream()
                .filter(item -> item instanceof Map<?, ?>)
                .map(item -> (Map<String, Object>) item)
                .toList();
    }
}
