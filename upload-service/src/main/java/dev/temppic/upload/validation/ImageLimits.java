package dev.temppic.upload.validation;

/**
 * Upper bounds that {@link ImageInspector} enforces from the file headers, before anything is decoded.
 *
 * @param maxPixels maximum width × height of the image, or of the canvas and each frame of an animation
 * @param maxFrames maximum number of frames in an animation
 */
public record ImageLimits(long maxPixels, int maxFrames) {

    /** 100 megapixels: enough for current phone and camera photos, small enough to bound a viewer's decoded size. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    public static final int DEFAULT_MAX_FRAMES = 1000;

    public ImageLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, but was " + maxPixels);
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, but was " + maxFrames);
        }
    }

    /** Returns the limits of {@link #DEFAULT_MAX_PIXELS} pixels and {@link #DEFAULT_MAX_FRAMES} frames. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FRAMES);
    }
}
