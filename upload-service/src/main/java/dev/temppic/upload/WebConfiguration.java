package dev.temppic.upload;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.time.Clock;

/** Servlet container settings derived from {@link UploadProperties}, and the clock of the services. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Room for the multipart boundaries, part headers and the small form fields next to the file part. */
    static final DataSize MULTIPART_OVERHEAD = DataSize.ofKilobytes(64);

    /**
     * Multipart limits that match {@code temppic.upload.max-size}: the file part may have exactly that many bytes,
     * the whole request that plus {@link #MULTIPART_OVERHEAD}. Parts go to disk from the first byte, so memory use
     * does not grow with the upload. Replaces the {@code spring.servlet.multipart.max-*} properties, which would
     * have to repeat the limit.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        long maxBytes = properties.maxSize().toBytes();
        factory.setMaxFileSize(DataSize.ofBytes(maxBytes));
        factory.setMaxRequestSize(DataSize.ofBytes(maxBytes + MULTIPART_OVERHEAD.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }

    /**
     * Lets Tomcat read and discard the rest of a multipart body after the size limit rejected it, up to
     * {@code server.tomcat.max-swallow-size}, so that the client receives the 413 response instead of a reset
     * connection. Without this setting Tomcat closes the connection at once after a multipart size failure.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> swallowAbortedUploads() {
        return factory -> factory.addContextCustomizers(
                (TomcatContextCustomizer) context -> context.setSwallowAbortedUploads(true));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
