package dev.temppic.upload.validation;

import dev.temppic.upload.validation.ImageRejectedException.Kind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Content check that decides whether an uploaded file is an image that TempPic stores, before anything is stored.
 *
 * <p>The type comes from the content alone: magic bytes, then a walk of the whole file structure for that format.
 * The declared media type and filename play no part. Width × height (and for animations the canvas and frame count)
 * are checked against {@link ImageLimits} as soon as the header declares them, so an oversized image is rejected
 * before the rest of the file is read. Pixels are never decoded. PNG image data is inflated to check that the zlib
 * stream is complete, with the output discarded in 64 KiB steps. Memory use is a few buffers of 64 KiB or less,
 * whatever the file size.
 *
 * <p>Rejected: other types (SVG, HTML, PDF and so on), truncated or inconsistent files, and files with any data after
 * the end of the image (JPEG EOI, PNG IEND, GIF trailer, end of the WebP RIFF container). That rule rejects polyglots
 * such as GIF+ZIP and JPEG+HTML, and also the extra pictures that some phones append to JPEG photos (Multi-Picture
 * Format).
 *
 * <p>Thread-safe and stateless apart from the limits.
 */
public final class ImageInspector {

    private final ImageLimits limits;

    /** Creates an inspector with {@link ImageLimits#defaults()}. */
    public ImageInspector() {
        this(ImageLimits.defaults());
    }

    public ImageInspector(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * Inspects the file and returns its format, size, frame count and EXIF orientation.
     *
     * @throws ImageRejectedException when the file is empty, not a supported image, malformed or over a limit
     * @throws IOException when the file cannot be read
     */
    public InspectedImage inspect(Path file) throws ImageRejectedException, IOException {
        try (ImageFileInput input = ImageFileInput.open(file)) {
            if (input.size() == 0) {
                throw new ImageRejectedException(Kind.EMPTY,
                        "The uploaded file is empty (0 bytes). Choose an image file and upload it again.");
            }
            byte[] head = input.readAt(0, (int) Math.min(input.size(), ContentSniffer.SNIFF_LENGTH));
            ImageFormat format = ContentSniffer.imageFormatOf(head);
            if (format == null) {
                throw rejectUnsupported(head);
            }
            return switch (format) {
                case JPEG -> new JpegValidator(input, limits).validate();
                case PNG -> new PngValidator(input, limits).validate();
                case GIF -> new GifValidator(input, limits).validate();
                case WEBP -> new WebpValidator(input, limits).validate();
            };
        }
    }

    private static ImageRejectedException rejectUnsupported(byte[] head) {
        String description = ContentSniffer.describe(head);
        if (description != null) {
            return Rejections.unsupported(description);
        }
        return new ImageRejectedException(Kind.UNSUPPORTED_TYPE, "The file is not a " + Rejections.ACCEPTED_FORMATS
                + " image, and its type could not be recognized (it starts with the bytes "
                + ContentSniffer.leadingBytesHex(head) + "). Upload a " + Rejections.ACCEPTED_FORMATS + " image.");
    }
}
