package dev.temppic.expiry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of expiry-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExpiryApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpiryApplication.class, args);
    }
}
