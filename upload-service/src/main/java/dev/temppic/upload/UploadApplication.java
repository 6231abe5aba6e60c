package dev.temppic.upload;

import dev.temppic.model.service.ServiceInfrastructureConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of upload-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceInfrastructureConfiguration.class)
public class UploadApplication {

    public static void main(String[] args) {
        SpringApplication.run(UploadApplication.class, args);
    }
}
