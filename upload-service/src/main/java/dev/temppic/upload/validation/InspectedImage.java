package dev.temppic.upload.validation;

import java.util.Objects;

/**
 * Result of a successful {@link ImageInspector#inspect inspection}: a structurally valid image within the limits.
 *
 * @param format format detected from the content
 * @param width width in pixels as stored; for animations, the canvas width
 * @param height height in pixels as stored; for animations, the canvas height
 * @param frameCount number of frames, 1 for a still image
 * @param animated whether the image has more than one frame
 * @param orientation EXIF orientation (1 to 8) that viewers apply when displaying the image, 1 when the file has none
 */
public record InspectedImage(
        ImageFormat format, int width, int height, int frameCount, boolean animated, int orientation) {

    public InspectedImage {
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be positive, but were " + width + " x " + height);
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be at least 1, but was " + frameCount);
        }
        if (animated != (frameCount > 1)) {
            throw new IllegalArgumentException("animated must be true exactly when frameCount > 1");
        }
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("orientation must be 1 to 8, but was " + orientation);
        }
    }

    /** Returns width × height as a long, because the product can exceed the int range. */
    public long pixelCount() {
        return (long) width * height;
    }

    /** Returns the width that viewers display after applying the orientation, which swaps the axes for 5 to 8. */
    public int displayWidth() {
        return orientation >= 5 ? height : width;
    }

    /** Returns the height that viewers display after applying the orientation, which swaps the axes for 5 to 8. */
    public int displayHeight() {
        return orientation >= 5 ? width : height;
    }
}
