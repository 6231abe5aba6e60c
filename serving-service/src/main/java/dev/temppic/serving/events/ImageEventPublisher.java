package dev.temppic.serving.events;

import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.serving.ServingProperties;
import dev.temppic.serving.image.ImageMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the events that serving produces without ever delaying a response.
 *
 * <p>Request threads only put the event into a bounded queue. One publisher thread hands events to the
 * Kafka producer in queue order, so an image's {@link ImageViewed} precedes its
 * {@link ImageDeletionRequested}. That thread may block for the producer's {@code max.block.ms} while
 * Kafka is unreachable. An event is dropped when the queue is full, when the producer rejects it or when
 * delivery fails after the producer's retries. Drops are counted in {@value #DROPPED_METRIC}, tagged with
 * the event type, and logged at most once every 10 seconds.
 */
@Component
public class ImageEventPublisher implements DisposableBean {

    /** Micrometer name; Prometheus shows it as {@code temppic_events_dropped_total}. */
    public static final String DROPPED_METRIC = "temppic.events.dropped";

    private static final Logger log = LoggerFactory.getLogger(ImageEventPublisher.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final KafkaTemplate<String, ImageEvent> kafka;
    private final MeterRegistry meterRegistry;
    private final ThreadPoolExecutor executor;
    private final AtomicLong droppedSinceLastLog = new AtomicLong();
    private final AtomicLong lastDropLogNanos = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);

    public ImageEventPublisher(KafkaTemplate<String, ImageEvent> kafka, MeterRegistry meterRegistry,
                               ServingProperties serving) {
        this.kafka = kafka;
        this.meterRegistry = meterRegistry;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(serving.eventQueueCapacity()),
                runnable -> {
                    Thread thread = new Thread(runnable, "image-event-publisher");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        // Registered up front so that dashboards see 0 rather than no series before the first drop.
        droppedCounter(ImageViewed.class);
        droppedCounter(ImageDeletionRequested.class);
    }

    /** Publishes {@link ImageViewed} for one counted view. */
    public void viewed(ImageId id, Instant viewedAt) {
        publish(new ImageViewed(UUID.randomUUID(), id, viewedAt));
    }

    /** Publishes {@link ImageDeletionRequested} after the last allowed view, so expiry-service deletes the object. */
    public void viewLimitReached(ImageMetadata image, Instant requestedAt) {
        publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(), image.objectKey().value(),
                DeletionRequestReason.VIEW_LIMIT_REACHED, requestedAt));
    }

    /** Queues an event for sending; returns at once. */
    public void publish(ImageEvent event) {
        try {
            executor.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            dropped(event, "the publish queue is full or closed");
        }
    }

    private void send(ImageEvent event) {
        try {
            kafka.send(Topics.IMAGE_EVENTS, event.imageId().value(), event).whenComplete((result, failure) -> {
                if (failure != null) {
                    dropped(event, describe(failure));
                }
            });
        } catch (RuntimeException e) {
            // The producer throws here when it cannot get topic metadata within max.block.ms.
            dropped(event, describe(e));
        }
    }

    private void dropped(ImageEvent event, String reason) {
        droppedCounter(event.getClass()).increment();
        long dropped = droppedSinceLastLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropLogNanos.get();
        if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLogNanos.compareAndSet(last, now)) {
            droppedSinceLastLog.addAndGet(-dropped);
            log.warn("Dropped {} image event(s) since the last report; latest: {} for image {}: {}", dropped,
                    event.getClass().getSimpleName(), event.imageId(), reason);
        }
    }

    private Counter droppedCounter(Class<? extends ImageEvent> type) {
        return Counter.builder(DROPPED_METRIC)
                .description("Image events that could not be published to Kafka")
                .tag("type", type.getSimpleName())
                .register(meterRegistry);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Gives queued events up to {@value #SHUTDOWN_WAIT_SECONDS} s to reach the producer before it closes. */
    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
            int lost = executor.shutdownNow().size();
            log.warn("Shut down with {} image event(s) still queued; they are lost", lost);
        }
    }
}
