package dev.temppic.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of serving-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
