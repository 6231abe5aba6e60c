package dev.temppic.serving;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Beans shared by the whole service. */
@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

    /**
     * Provides the clock that decides whether an image has expired and how long responses may be cached.
     * Tests register their own {@link Clock} singleton before the context refreshes to move time.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
