package dev.temppic.expiry;

import dev.temppic.model.service.ServiceInfrastructureConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of expiry-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceInfrastructureConfiguration.class)
public class ExpiryApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpiryApplication.class, args);
    }
}
