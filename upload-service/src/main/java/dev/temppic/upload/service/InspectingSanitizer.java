package dev.temppic.upload.service;

import dev.temppic.upload.metadata.MetadataStripper;
import dev.temppic.upload.validation.ImageInspector;
import dev.temppic.upload.validation.ImageRejectedException;
import dev.temppic.upload.validation.InspectedImage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link ImageSanitizer} built on {@link ImageInspector} (content sniffing, structure, pixel and frame limits) and
 * {@link MetadataStripper} (lossless metadata removal that keeps the orientation).
 */
public class InspectingSanitizer implements ImageSanitizer {

    private final ImageInspector inspector;
    private final MetadataStripper stripper;

    public InspectingSanitizer(ImageInspector inspector, MetadataStripper stripper) {
        this.inspector = inspector;
        this.stripper = stripper;
    }

    @Override
    public SanitizedImage sanitize(Path received, Path output) throws ImageRejectedException, IOException {
        InspectedImage image = inspector.inspect(received);
        long size;
        try (OutputStream out = Files.newOutputStream(output)) {
            size = stripper.strip(received, image, out);
        }
        return new SanitizedImage(image, size);
    }
}
