package dev.temppic.serving.web;

import dev.temppic.model.crypto.ImageEncryption;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.serving.ServingProperties;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import dev.temppic.serving.error.ProblemResponses;
import dev.temppic.serving.events.ImageEventPublisher;
import dev.temppic.serving.image.ImageBytesCache;
import dev.temppic.serving.image.ImageLookup;
import dev.temppic.serving.image.ImageMetadata;
import dev.temppic.serving.image.ImageMetadataRepository;
import dev.temppic.serving.image.ViewOutcome;
import dev.temppic.serving.store.DecryptedImageReader;
import dev.temppic.serving.store.ImageObjectReader;
import dev.temppic.serving.store.StoreObjectStream;
import dev.temppic.serving.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The share-link controller against mocked Redis, store and Kafka; the real components are in ServingIT. */
class ImageControllerTest {

    private static final ImageEncryption ENCRYPTION = ImageEncryption.fromBase64MasterKey(
            Base64.getEncoder().encodeToString(new byte[ImageEncryption.MASTER_KEY_BYTES]));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
    private final ImageMetadataRepository repository = mock(ImageMetadataRepository.class);
    private final ImageObjectReader objects = mock(ImageObjectReader.class);
    private final ImageEventPublisher events = mock(ImageEventPublisher.class);
    private final ImageId id = ImageId.random();
    private final byte[] plaintext = randomBytes(10_000);
    private byte[] ciphertext;
    private ImageLookup lookup;
    private MockMvc mvc;

    @BeforeEach
    void setUp() throws Exception {
        ServingProperties serving = ServingProperties.defaults();
        ImageBytesCache cache = new ImageBytesCache(clock, serving, new SimpleMeterRegistry());
        lookup = new ImageLookup(repository, cache, clock, serving, new SimpleMeterRegistry());
        ImageBodySender sender = new ImageBodySender(new DecryptedImageReader(ENCRYPTION, objects), objects, cache,
                repository, lookup, events);
        mvc = MockMvcBuilders.standaloneSetup(new ImageController(lookup, sender, clock))
                .setControllerAdvice(new ProblemResponses(serving))
                .build();
    }

    @Test
    void malformedIdIsNotFoundWithoutRedis() throws Exception {
        mvc.perform(get("/i/not-an-id.png"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(ProblemResponses.NOT_FOUND_DETAIL));

        verifyNoInteractions(repository, objects, events);
    }

    @Test
    void unknownIdIsNotFound() throws Exception {
        when(repository.find(id)).thenReturn(Optional.empty());

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(ProblemResponses.NOT_FOUND_DETAIL))
                .andExpect(header().doesNotExist(HttpHeaders.ETAG));
    }

    @Test
    void wrongExtensionIsNotFound() throws Exception {
        storeImage(null);

        mvc.perform(get("/i/" + id.value() + ".jpg"))
                .andExpect(status().isNotFound())
                .andExpect(header().doesNotExist(HttpHeaders.ETAG));

        verifyNoInteractions(objects);
    }

    @Test
    void getSendsPlaintextAndCountsView() throws Exception {
        storeImage(null);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);

        mvc.perform(get("/i/" + id.value() + ".png"))
                .andExpect(status().isOk())
                .andExpect(content().bytes(plaintext))
                .andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, plaintext.length))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "private, max-age=60"));

        verify(events).viewed(id, clock.instant());
        verify(events, never()).viewLimitReached(any(), any());
    }

    @Test
    void headReadsNeitherStoreNorCounter() throws Exception {
        storeImage(null);

        mvc.perform(head("/i/" + id.value() + ".png"))
                .andExpect(status().isOk())
                .andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, plaintext.length))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/png"));

        verifyNoInteractions(objects, events);
        verify(repository, never()).countView(any(), any());
    }

    @Test
    void matchingEtagIsNotModified() throws Exception {
        storeImage(null);

        mvc.perform(get("/i/" + id.value()).header(HttpHeaders.IF_NONE_MATCH, "\"other\", W/\"" + id.value() + "\""))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, "\"" + id.value() + "\""));

        verifyNoInteractions(objects, events);
    }

    @Test
    void rangeAfterFirstByteIsNotCounted() throws Exception {
        storeImage(null);

        mvc.perform(get("/i/" + id.value()).header(HttpHeaders.RANGE, "bytes=5000-5099"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 5000-5099/10000"))
                .andExpect(content().bytes(Arrays.copyOfRange(plaintext, 5000, 5100)));

        verify(repository, never()).countView(any(), any());
        verifyNoInteractions(events);
    }

    @Test
    void viewLimitedImageIgnoresRange() throws Exception {
        storeImage(3);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);

        mvc.perform(get("/i/" + id.value()).header(HttpHeaders.RANGE, "bytes=5000-5099"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCEPT_RANGES, "none"))
                .andExpect(content().bytes(plaintext));
    }

    @Test
    void lastViewPublishesDeletionRequest() throws Exception {
        storeImage(1);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.LAST_VIEW);

        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk());

        verify(events).viewed(id, clock.instant());
        verify(events).viewLimitReached(any(ImageMetadata.class), any(Instant.class));
    }

    @Test
    void rejectedViewIsNotFound() throws Exception {
        storeImage(1);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.REJECTED);

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isNotFound())
                .andExpect(header().doesNotExist(HttpHeaders.ETAG))
                .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION));

        verifyNoInteractions(events);
    }

    @Test
    void storeOutageIsUnavailableWithoutCountingView() throws Exception {
        storeImage(1);
        when(objects.open(any())).thenThrow(new DependencyUnavailableException(Dependency.STORE, id,
                new IOException("connection refused")));

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(jsonPath("$.detail").value(ProblemResponses.UNAVAILABLE_DETAIL))
                .andExpect(header().doesNotExist(HttpHeaders.ETAG));

        verify(repository, never()).countView(any(), any());
    }

    @Test
    void redisOutageIsUnavailable() throws Exception {
        when(repository.find(id)).thenThrow(new DependencyUnavailableException(Dependency.REDIS, id,
                new IOException("connection refused")));

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
    }

    @Test
    void expiredImageIsNotFound() throws Exception {
        storeImage(null);
        clock.advance(java.time.Duration.ofSeconds(60));

        mvc.perform(get("/i/" + id.value())).andExpect(status().isNotFound());

        verifyNoInteractions(objects);
    }

    @Test
    void tamperedObjectIsServerError() throws Exception {
        storeImage(null);
        byte[] tampered = ciphertext.clone();
        tampered[tampered.length / 2] ^= 1;
        when(objects.open(any())).thenAnswer(invocation -> new StoreObjectStream(new ByteArrayInputStream(tampered)));
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value(ProblemResponses.UNREADABLE_DETAIL));
    }

    @Test
    void cachedImageIsReadFromStoreOnce() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(null);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);

        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/i/" + id.value()))
                    .andExpect(status().isOk())
                    .andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, plaintext.length))
                    .andExpect(content().bytes(plaintext));
        }

        verify(objects, times(1)).open(any());
        verify(repository, times(3)).countView(id, clock.instant());
        verify(events, times(3)).viewed(id, clock.instant());
    }

    @Test
    void cachedImageServesRange() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(null);

        mvc.perform(get("/i/" + id.value()).header(HttpHeaders.RANGE, "bytes=9990-"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 9990-9999/10000"))
                .andExpect(content().bytes(Arrays.copyOfRange(plaintext, 9990, 10000)));

        verify(repository, never()).countView(any(), any());
    }

    @Test
    void evictedImageIsReadAgain() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(null);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);
        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk());

        lookup.evict(id);
        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk()).andExpect(content().bytes(plaintext));

        verify(objects, times(2)).open(any());
    }

    @Test
    void cachedImageRejectedViewIsNotFound() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(null);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);
        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk());

        // The image was deleted in Redis before its deletion event arrived.
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.REJECTED);
        mvc.perform(get("/i/" + id.value())).andExpect(status().isNotFound());

        verify(events, times(1)).viewed(id, clock.instant());
    }

    @Test
    void viewLimitedImageIsNeverCached() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(5);
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);

        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk());
        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk());

        verify(objects, times(2)).open(any());
    }

    @Test
    void cacheMissWithTamperedObjectCachesNothing() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(null);
        byte[] tampered = ciphertext.clone();
        tampered[tampered.length / 2] ^= 1;
        when(objects.open(any())).thenAnswer(invocation -> new StoreObjectStream(new ByteArrayInputStream(tampered)));

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value(ProblemResponses.UNREADABLE_DETAIL));
        verify(repository, never()).countView(any(), any());

        when(objects.open(any())).thenAnswer(invocation -> new StoreObjectStream(new ByteArrayInputStream(ciphertext)));
        when(repository.countView(id, clock.instant())).thenReturn(ViewOutcome.COUNTED);
        mvc.perform(get("/i/" + id.value())).andExpect(status().isOk()).andExpect(content().bytes(plaintext));
    }

    @Test
    void cacheMissWithStoreOutageIsUnavailable() throws Exception {
        lookup.evictionFeedConnected();
        storeImage(null);
        when(objects.open(any())).thenThrow(new DependencyUnavailableException(Dependency.STORE, id,
                new IOException("connection refused")));

        mvc.perform(get("/i/" + id.value()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));

        verify(repository, never()).countView(any(), any());
    }

    /** Makes Redis return metadata for {@link #id} and the store return its encrypted bytes. */
    private void storeImage(Integer maxViews) throws GeneralSecurityException, IOException {
        ImageEncryption.DataKey dataKey = ENCRYPTION.newDataKey(id);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (OutputStream out = dataKey.encrypting(encrypted)) {
            out.write(plaintext);
        }
        ciphertext = encrypted.toByteArray();
        ImageMetadata image = new ImageMetadata(id, ObjectKey.of(clock.instant(), id), "image/png", "png",
                plaintext.length, 100, 50, clock.instant().plusSeconds(60), maxViews, dataKey.wrapped());
        when(repository.find(id)).thenReturn(Optional.of(image));
        when(objects.open(any())).thenAnswer(invocation -> new StoreObjectStream(new ByteArrayInputStream(ciphertext)));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
