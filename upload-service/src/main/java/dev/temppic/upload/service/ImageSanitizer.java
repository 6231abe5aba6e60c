package dev.temppic.upload.service;

import dev.temppic.upload.validation.ImageRejectedException;
import dev.temppic.upload.validation.InspectedImage;

import java.io.IOException;
import java.nio.file.Path;

/** Checks a received file and writes the image to store: same pixels, metadata removed. */
public interface ImageSanitizer {

    /**
     * Inspects {@code received} and writes the image without metadata to {@code output}.
     *
     * @return what was detected, with the size of {@code output}
     * @throws ImageRejectedException when the file is not an image that TempPic stores; nothing is written then
     * @throws IOException when a temporary file cannot be read or written
     */
    SanitizedImage sanitize(Path received, Path output) throws ImageRejectedException, IOException;

    /**
     * An image ready to be encrypted and stored.
     *
     * @param image format, dimensions and frames detected in the received file
     * @param sizeBytes size of the image without metadata, in bytes
     */
    record SanitizedImage(InspectedImage image, long sizeBytes) {
    }
}
