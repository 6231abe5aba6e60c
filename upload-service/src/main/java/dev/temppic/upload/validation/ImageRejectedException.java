package dev.temppic.upload.validation;

import java.util.Objects;

/**
 * Thrown when an uploaded file is not an image that TempPic stores. The {@linkplain #detail() detail} is a plain
 * sentence for the uploader, naming what was found and what to do, and contains nothing from the file's metadata.
 */
public final class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Reason for the rejection, with the HTTP status that the web layer responds with. */
    public enum Kind {
        /** The file has no bytes at all: a client error rather than a broken image, so 400. */
        EMPTY(400),
        /** The content is not JPEG, PNG, GIF or WebP, whatever media type or filename the upload declares. */
        UNSUPPORTED_TYPE(415),
        /** The content starts as a supported format but is truncated, corrupt, inconsistent or has data appended. */
        MALFORMED(422),
        /** Width × height of the image, canvas or a frame exceeds {@link ImageLimits#maxPixels()}. */
        TOO_MANY_PIXELS(422),
        /** The animation has more frames than {@link ImageLimits#maxFrames()}. */
        TOO_MANY_FRAMES(422);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** HTTP status code for a response that reports this rejection. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public ImageRejectedException(Kind kind, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** Returns the sentence for the problem response's {@code detail} member, the same text as the message. */
    public String detail() {
        return getMessage();
    }
}
