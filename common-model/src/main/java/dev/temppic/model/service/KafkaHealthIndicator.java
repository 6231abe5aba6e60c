package dev.temppic.model.service;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Readiness of Kafka: the cluster returns its nodes for a describe-cluster request within two seconds. */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 2000;

    private final AdminClient adminClient;

    public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminClient = AdminClient.create(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int nodes = adminClient.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                .nodes()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .size();
        builder.up().withDetail("brokers", nodes);
    }

    @Override
    public void destroy() {
        adminClient.close();
    }
}
