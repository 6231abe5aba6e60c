package dev.temppic.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Searches every regular file under a folder for strings, as bytes, so binary files are searched too. */
public final class FileScan {

    private FileScan() {
    }

    /** Returns one line {@code "FILE contains NEEDLE"} for each file under {@code folder} that contains a needle. */
    public static List<String> findAll(Path folder, Collection<String> needles) throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path file : regularFiles(folder)) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                // A file deleted or rotated while the folder was listed has nothing left to search.
                continue;
            }
            for (String needle : needles) {
                if (TestImages.contains(content, needle.getBytes(StandardCharsets.UTF_8))) {
                    hits.add(folder.relativize(file) + " contains " + needle);
                }
            }
        }
        return hits;
    }

    /** Returns every regular file under {@code folder}. */
    public static List<Path> regularFiles(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
