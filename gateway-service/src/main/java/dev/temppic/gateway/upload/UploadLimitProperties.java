package dev.temppic.gateway.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Size limit on upload request bodies, bound from {@code temppic.gateway.upload.*}.
 *
 * @param maxFileSize       largest image upload-service accepts; keep equal to its own limit (20 MiB)
 * @param multipartOverhead extra bytes allowed on top for a multipart/form-data body: the boundary lines and the part
 *                          headers. 64 KiB is far more than a browser or curl sends for one file part.
 */
@ConfigurationProperties("temppic.gateway.upload")
public record UploadLimitProperties(DataSize maxFileSize, DataSize multipartOverhead) {

    public UploadLimitProperties {
        if (maxFileSize == null) {
            maxFileSize = DataSize.ofMegabytes(20);
        }
        if (multipartOverhead == null) {
            multipartOverhead = DataSize.ofKilobytes(64);
        }
        if (maxFileSize.toBytes() <= 0 || multipartOverhead.isNegative()) {
            throw new IllegalArgumentException("temppic.gateway.upload.max-file-size must be positive and"
                    + " multipart-overhead must not be negative");
        }
    }

    /** Largest request body the gateway forwards, in bytes. */
    public long maxBodyBytes() {
        return maxFileSize.toBytes() + multipartOverhead.toBytes();
    }
}
