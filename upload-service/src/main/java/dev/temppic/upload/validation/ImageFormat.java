package dev.temppic.upload.validation;

/** Image formats that TempPic accepts, with the media type and file extension used to serve them. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", "JPEG"),
    /** PNG, including animated PNG (APNG), which browsers serve under the same media type. */
    PNG("image/png", "png", "PNG"),
    GIF("image/gif", "gif", "GIF"),
    WEBP("image/webp", "webp", "WebP");

    private final String mimeType;
    private final String extension;
    private final String displayName;

    ImageFormat(String mimeType, String extension, String displayName) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.displayName = displayName;
    }

    /** Media type for the {@code Content-Type} header, for example {@code image/jpeg}. */
    public String mimeType() {
        return mimeType;
    }

    /** File extension without the dot, for example {@code jpg}. */
    public String extension() {
        return extension;
    }

    /** Name of the format as users know it, for error details. */
    public String displayName() {
        return displayName;
    }
}
