package dev.temppic.upload.service;

import dev.temppic.upload.UploadProperties;
import dev.temppic.upload.metadata.MetadataStripper;
import dev.temppic.upload.validation.ImageInspector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the image checks with the limits from {@code temppic.upload.max-pixels} and {@code max-frames}. */
@Configuration(proxyBeanMethods = false)
class SanitizerConfiguration {

    @Bean
    ImageSanitizer imageSanitizer(UploadProperties properties) {
        return new InspectingSanitizer(new ImageInspector(properties.imageLimits()), new MetadataStripper());
    }
}
