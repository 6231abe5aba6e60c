package dev.temppic.upload.validation;

import dev.temppic.upload.validation.ImageRejectedException.Kind;

import java.io.IOException;

/** Builds the rejections that the validators share, so that every detail ends with what the uploader can do. */
final class Rejections {

    static final String ACCEPTED_FORMATS = "JPEG, PNG, GIF or WebP";

    private static final String SHORTEN_ADVICE = "Shorten the animation and upload it again.";

    private static final String RESAVE_ADVICE =
            "Open the image in an image editor, save it again and upload the new file.";

    private Rejections() {
    }

    /** Rejects a file that claims {@code format} but breaks its rules. {@code problem} is one full sentence. */
    static ImageRejectedException malformed(String problem) {
        return new ImageRejectedException(Kind.MALFORMED, problem + " " + RESAVE_ADVICE);
    }

    /**
     * Rejects a file that ends early. {@code where} completes "The PNG file ends …", for example "before its IEND
     * chunk".
     */
    static ImageRejectedException truncated(ImageFormat format, String where) {
        return new ImageRejectedException(Kind.MALFORMED, "The " + format.displayName() + " file ends " + where
                + ", so it is incomplete or damaged. Upload the complete file.");
    }

    /** Rejects a file whose content is a type that TempPic does not store. */
    static ImageRejectedException unsupported(String description) {
        return new ImageRejectedException(Kind.UNSUPPORTED_TYPE, "The file is " + description
                + ", which TempPic does not accept. Upload a " + ACCEPTED_FORMATS + " image.");
    }

    /**
     * Rejects a file with bytes after the end of its image, which is how files that are also an archive or a web page
     * (polyglots) are built. {@code endName} names the structure that ends the image, such as "its IEND chunk".
     */
    static ImageRejectedException trailingData(ImageFormat format, String endName, ImageFileInput input)
            throws IOException {
        long end = input.position();
        long extra = input.remaining();
        byte[] head = input.readAt(end, (int) Math.min(extra, ContentSniffer.SNIFF_LENGTH));
        String description = ContentSniffer.describe(head);
        String looksLike = description == null ? "" : ", and they look like " + description;
        return new ImageRejectedException(Kind.MALFORMED, "The " + format.displayName() + " image ends at byte "
                + end + " with " + endName + ", but " + extra + " more bytes follow" + looksLike
                + ". Files that carry other data after the image are not accepted. "
                + "Save the image again from an image editor and upload the new file.");
    }

    /** Rejects an image, canvas or frame over the pixel limit. {@code subject} is "image", "canvas" or "frame 3". */
    static ImageRejectedException tooManyPixels(String subject, long width, long height, ImageLimits limits) {
        return new ImageRejectedException(Kind.TOO_MANY_PIXELS, "The " + subject + " is " + width + " x " + height
                + " pixels (" + width * height + " pixels), more than the limit of " + limits.maxPixels()
                + " pixels. Scale the image down and upload it again.");
    }

    /** Rejects an animation whose header declares more frames than the limit. */
    static ImageRejectedException tooManyFrames(long declaredFrames, ImageLimits limits) {
        return new ImageRejectedException(Kind.TOO_MANY_FRAMES, "The animation has " + declaredFrames
                + " frames, more than the limit of " + limits.maxFrames() + " frames. " + SHORTEN_ADVICE);
    }

    /** Rejects an animation whose frames, counted while walking the file, exceed the limit. */
    static ImageRejectedException tooManyFrames(ImageLimits limits) {
        return new ImageRejectedException(Kind.TOO_MANY_FRAMES, "The animation has more frames than the limit of "
                + limits.maxFrames() + " frames. " + SHORTEN_ADVICE);
    }

    /** Checks the pixel limit for one image, canvas or frame. */
    static void checkPixels(String subject, long width, long height, ImageLimits limits) throws ImageRejectedException {
        if (width * height > limits.maxPixels()) {
            throw tooManyPixels(subject, width, height, limits);
        }
    }
}
