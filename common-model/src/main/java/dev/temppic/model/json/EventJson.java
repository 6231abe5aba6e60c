package dev.temppic.model.json;

import dev.temppic.model.events.ImageEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of {@link ImageEvent}s on Kafka: UTF-8 objects with a {@code type} discriminator, times
 * as ISO-8601 strings in UTC, unknown properties ignored so that older consumers accept newer events.
 *
 * <p>Thread-safe: one shared {@link JsonMapper}, configured once.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    /** Writes an event as UTF-8 JSON bytes. */
    public static byte[] toBytes(ImageEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /** Writes an event as a JSON string. */
    public static String toJson(ImageEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /**
     * Reads an event from UTF-8 JSON bytes.
     *
     * @throws InvalidEventException when the bytes are not a known event with all required fields
     */
    public static ImageEvent fromBytes(byte[] json) {
        try {
            return MAPPER.readValue(json, ImageEvent.class);
        } catch (JacksonException e) {
            throw new InvalidEventException("Record is not a valid image event: " + e.getOriginalMessage(), e);
        }
    }
}
