package dev.temppic.serving;

import dev.temppic.model.service.ServiceInfrastructureConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of serving-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceInfrastructureConfiguration.class)
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
