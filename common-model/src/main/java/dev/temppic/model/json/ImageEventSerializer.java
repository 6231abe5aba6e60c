package dev.temppic.model.json;

import dev.temppic.model.events.ImageEvent;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link ImageEvent}s, in the {@link EventJson} form. Thread-safe. */
public class ImageEventSerializer implements Serializer<ImageEvent> {

    @Override
    public byte[] serialize(String topic, ImageEvent event) {
        return event == null ? null : EventJson.toBytes(event);
    }
}
