package dev.temppic.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing (AppCDS) archives for the JVMs of the local stack, Java 17 style.
 *
 * <p>The first run of a JVM gets {@code -XX:ArchiveClassesAtExit}, so the archive is written when that JVM
 * ends (at {@code down}); later runs map it with {@code -XX:SharedArchiveFile}. An archive is valid only for the
 * exact jars it was made from. So its file name carries a fingerprint of the JVM and of each classpath entry's
 * path, size and modification time, and a rebuilt jar gets a new archive while the old one is deleted.
 *
 * <p>CDS cannot archive classes loaded from the nested jars of a Spring Boot fat jar, so each service jar is
 * first extracted with Spring Boot's {@code -Djarmode=tools extract} into a plain jar and a lib/ folder.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);

    private final Path directory;

    ClassDataSharing(Path directory) {
        this.directory = directory;
    }

    /** Returns the JVM options that create or use the archive of {@code name} for these classpath entries. */
    List<String> jvmOptions(String name, List<Path> classpath) {
        String fingerprint = fingerprint(classpath);
        Path archive = directory.resolve(name + "-" + fingerprint + ".jsa");
        deleteOthers(name + "-", ".jsa", archive);
        // Archive warnings (classes that cannot be archived, a mismatched archive) would fill the logs; a JVM that
        // cannot use its archive still starts, only slower.
        String quiet = "-Xlog:cds*=off";
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, quiet);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive, quiet);
    }

    /**
     * Extracts a Spring Boot fat jar unless the same jar was extracted before, and returns the launcher jar of
     * the extracted layout, or the fat jar itself if extraction fails.
     */
    Path extractedJar(String name, Path fatJar) {
        Path target = directory.resolve(name + "-" + fingerprint(List.of(fatJar)));
        Path launcherJar = target.resolve(fatJar.getFileName().toString());
        if (Files.isRegularFile(launcherJar)) {
            return launcherJar;
        }
        deleteOthers(name + "-", "", target);
        try {
            Path log = directory.resolve(name + "-extract.log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--destination", target.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (process.isAlive() || process.exitValue() != 0 || !Files.isRegularFile(launcherJar)) {
                LOG.warn("Extracting {} for class-data sharing failed (see {}); starting the fat jar without it",
                        fatJar, log);
                return fatJar;
            }
            return launcherJar;
        } catch (IOException e) {
            LOG.warn("Extracting {} for class-data sharing failed; starting the fat jar without it", fatJar, e);
            return fatJar;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fatJar;
        }
    }

    /** Returns whether {@code jar} lies in a folder made by {@link #extractedJar}. */
    boolean isExtracted(Path jar) {
        return jar.toAbsolutePath().startsWith(directory.toAbsolutePath());
    }

    /** Returns the jar and the jars of its lib/ folder, the classpath of an extracted service. */
    static List<Path> extractedClasspath(Path launcherJar) {
        Path lib = launcherJar.getParent().resolve("lib");
        try (var jars = Files.list(lib)) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(launcherJar), jars.sorted()).toList();
        } catch (IOException e) {
            return List.of(launcherJar);
        }
    }

    private static String fingerprint(List<Path> classpath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "|" + Runtime.version()).getBytes(StandardCharsets.UTF_8));
            for (Path entry : classpath) {
                Path absolute = entry.toAbsolutePath();
                String size = Files.exists(absolute) ? String.valueOf(Files.size(absolute)) : "-";
                String modified = Files.exists(absolute) ? String.valueOf(Files.getLastModifiedTime(absolute)) : "-";
                digest.update(("|" + absolute + "|" + size + "|" + modified).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes files and folders named {@code prefix*suffix} other than {@code keep}. */
    private void deleteOthers(String prefix, String suffix, Path keep) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, prefix + "*" + suffix)) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                // Only fingerprinted entries: 12 hex digits, then the suffix.
                if (!entry.equals(keep) && rest.matches("[0-9a-f]{12}" + java.util.regex.Pattern.quote(suffix))) {
                    deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("Failed to delete old class-data sharing files in {}", directory, e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
