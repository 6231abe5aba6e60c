package dev.temppic.model.json;

import dev.temppic.model.events.ImageEvent;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link ImageEvent}s in the {@link EventJson} form. Thread-safe.
 *
 * <p>Throws {@link InvalidEventException} for unreadable records; wrap it in Spring Kafka's
 * {@code ErrorHandlingDeserializer} so such a record goes to the dead-letter topic instead of
 * stopping the consumer.
 */
public class ImageEventDeserializer implements Deserializer<ImageEvent> {

    @Override
    public ImageEvent deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.fromBytes(data);
    }
}
