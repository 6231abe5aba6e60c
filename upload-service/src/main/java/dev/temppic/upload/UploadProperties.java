package dev.temppic.upload;

import dev.temppic.upload.validation.ImageLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and behaviour of the upload API, bound from {@code temppic.upload.*}.
 *
 * @param maxSize largest accepted image file, checked while the body streams in; default 20 MiB
 * @param maxPixels largest width × height of an image, canvas or frame; default 100 megapixels
 * @param maxFrames largest number of frames in an animation; default 1000
 * @param publicBaseUrl absolute URL (such as {@code https://temppic.example}) that the links in upload responses
 *     start with; when unset, the links are relative paths
 * @param publishTimeout how long an upload or deletion waits for Kafka to acknowledge its event; keep it above the
 *     producer's {@code delivery.timeout.ms} so that the producer, not this wait, decides a send failed
 * @param retryAfter value of the {@code Retry-After} header on 503 responses
 * @param tempDirectory directory for the temporary files of uploads in progress; default
 *     {@code ${java.io.tmpdir}/temppic-upload}
 */
@ConfigurationProperties("temppic.upload")
public record UploadProperties(
        DataSize maxSize,
        Long maxPixels,
        Integer maxFrames,
        URI publicBaseUrl,
        Duration publishTimeout,
        Duration retryAfter,
        Path tempDirectory) {

    public UploadProperties {
        if (maxSize == null) {
            maxSize = DataSize.ofMegabytes(20);
        }
        if (maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("temppic.upload.max-size must be at least 1 byte, got " + maxSize);
        }
        if (maxPixels == null) {
            maxPixels = ImageLimits.DEFAULT_MAX_PIXELS;
        }
        if (maxFrames == null) {
            maxFrames = ImageLimits.DEFAULT_MAX_FRAMES;
        }
        if (publicBaseUrl != null) {
            publicBaseUrl = validatedBaseUrl(publicBaseUrl);
        }
        if (publishTimeout == null) {
            publishTimeout = Duration.ofSeconds(15);
        }
        if (retryAfter == null) {
            retryAfter = Duration.ofSeconds(10);
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("temppic.upload.retry-after must be at least 1 second, got " + retryAfter);
        }
        if (tempDirectory == null) {
            tempDirectory = Path.of(System.getProperty("java.io.tmpdir"), "temppic-upload");
        }
    }

    /** Returns the pixel and frame limits for the image inspector. */
    public ImageLimits imageLimits() {
        return new ImageLimits(maxPixels, maxFrames);
    }

    private static URI validatedBaseUrl(URI url) {
        String scheme = url.getScheme();
        boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!http || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("temppic.upload.public-base-url must be an absolute http or https URL "
                    + "without query or fragment, such as https://temppic.example, got " + url);
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
