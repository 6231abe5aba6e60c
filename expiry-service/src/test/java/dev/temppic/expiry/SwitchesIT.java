package dev.temppic.expiry;

import dev.temppic.expiry.deletion.DeleterLoop;
import dev.temppic.expiry.support.ExpiryIntegrationTest;
import dev.temppic.expiry.sweep.SweepLoop;
import dev.temppic.infra.junit.TempPicInfraExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every part of the service can be switched off per instance. All parts are off here, so this second context
 * joins no consumer group and cannot take partitions from the context of the other tests.
 */
@ExtendWith(TempPicInfraExtension.class)
@SpringBootTest(properties = {
        // Logging is configured again for each context; the same directory keeps the audit tests' file in place.
        "temppic.audit.directory=" + ExpiryIntegrationTest.AUDIT_DIRECTORY,
        "temppic.expiry.consumers.expiry.enabled=false",
        "temppic.expiry.consumers.audit.enabled=false",
        "temppic.expiry.consumers.analytics.enabled=false",
        "temppic.expiry.deleter.enabled=false",
        "temppic.expiry.sweep.enabled=false"})
class SwitchesIT {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TempPicInfraExtension.registerSpringProperties(registry::add);
    }

    @Test
    void disabledPartsAreAbsent() {
        assertThat(listeners.getListenerContainers()).isEmpty();
        assertThat(context.getBeanNamesForType(DeleterLoop.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SweepLoop.class)).isEmpty();
    }
}
