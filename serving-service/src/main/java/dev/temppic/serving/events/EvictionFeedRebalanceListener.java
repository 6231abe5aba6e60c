package dev.temppic.serving.events;

import dev.temppic.serving.image.ImageLookup;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.util.Collection;

/** Turns the metadata cache on only while the cache eviction consumer owns its partitions. */
class EvictionFeedRebalanceListener implements ConsumerAwareRebalanceListener {

    private final ImageLookup lookup;

    EvictionFeedRebalanceListener(ImageLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // Resolve the "latest" start offsets now, so that every event published after the cache is
        // enabled lies at or after the consumer's position.
        partitions.forEach(consumer::position);
        lookup.evictionFeedConnected();
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            lookup.evictionFeedDisconnected();
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lookup.evictionFeedDisconnected();
    }
}
