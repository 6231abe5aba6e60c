import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.json.ImageEventDeserializer;
import dev.temppic.model.json.ImageEventSerializer;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.http.Method;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Helpers of the benchmark harness deploy/bench/run, which compiles this file with javac against the classpath of
 * deploy/infra (common-model, the MinIO client and the Kafka client). The single-file launcher runs it too.
 *
 * <pre>
 *   java -cp CP Bench.java jpeg OUT TARGET_BYTES
 *   java -cp CP Bench.java presign-get STORE_URL CREDENTIALS BUCKET KEY FILE
 *   java -cp CP Bench.java presign-put STORE_URL CREDENTIALS BUCKET KEY
 *   java -cp CP Bench.java expiry STORE_URL CREDENTIALS BUCKET KAFKA REDIS_PORT COUNT WINDOW_SECONDS
 *   java -cp CP Bench.java redis-zset REDIS_PORT COUNT
 * </pre>
 *
 * Results go to standard output as {@code name=value} lines, progress to standard error. Every server address
 * is on 127.0.0.1.
 */
public class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Missing subcommand: jpeg, presign-get, presign-put, expiry or redis-zset");
        }
        switch (args[0]) {
            case "jpeg" -> writeNoiseJpeg(Path.of(args[1]), Integer.parseInt(args[2]));
            case "presign-get" -> presignGet(args[1], Path.of(args[2]), args[3], args[4], Path.of(args[5]));
            case "presign-put" -> presignPut(args[1], Path.of(args[2]), args[3], args[4]);
            case "expiry" -> expiry(args[1], Path.of(args[2]), args[3], args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            case "redis-zset" -> redisScheduleMemory(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("Invalid subcommand '" + args[0]
                    + "': expected jpeg, presign-get, presign-put, expiry or redis-zset");
        }
        // OkHttp, under the MinIO client, keeps non-daemon threads alive for 60 s after the last request.
        System.exit(0);
    }

    // ---- JPEG with EXIF ----

    /**
     * Writes a JPEG of random noise (which compresses poorly) of at least {@code targetBytes}, with an EXIF APP1
     * segment that carries a camera make and GPS latitude, so the upload path has metadata to remove.
     */
    static void writeNoiseJpeg(Path out, int targetBytes) throws IOException {
        Random random = new Random(42);
        // Noise costs about the same number of bytes per pixel at any size, so one small sample gives the side.
        byte[] sample = encodeNoise(256, random);
        double bytesPerPixel = sample.length / (256.0 * 256.0);
        int side = (int) Math.ceil(Math.sqrt(targetBytes / bytesPerPixel));
        byte[] jpeg = encodeNoise(side, random);
        while (jpeg.length < targetBytes) {
            side += Math.max(1, side / 200);
            jpeg = encodeNoise(side, random);
        }
        byte[] withExif = insertExif(jpeg);
        Files.write(out, withExif);
        System.out.println("bytes=" + withExif.length);
    }

    private static byte[] encodeNoise(int side, Random random) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts an APP1 "Exif" segment (little-endian TIFF, IFD0 with Make and a GPS IFD) right after SOI. */
    private static byte[] insertExif(byte[] jpeg) {
        byte[] make = "TempPicBench\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // TIFF header: "II", 42, offset of IFD0 = 8.
        writeBytes(tiff, 'I', 'I', 42, 0, 8, 0, 0, 0);
        // IFD0 at 8 has 2 entries of 12 bytes and the next-IFD offset, so its data starts at 8 + 2 + 24 + 4 = 38.
        int gpsIfdOffset = 38 + make.length;
        le16(tiff, 2);
        ifdEntry(tiff, 0x010F, 2, make.length, 38);           // Make, ASCII
        ifdEntry(tiff, 0x8825, 4, 1, gpsIfdOffset);           // GPSInfo IFD pointer, LONG
        le32(tiff, 0);
        tiff.writeBytes(make);
        // GPS IFD: GPSLatitudeRef "N" (inline) and GPSLatitude (3 RATIONALs, after the IFD).
        int latitudeOffset = gpsIfdOffset + 2 + 24 + 4;
        le16(tiff, 2);
        ifdEntry(tiff, 0x0001, 2, 2, 'N');                    // "N\0" fits in the value field
        ifdEntry(tiff, 0x0002, 5, 3, latitudeOffset);
        le32(tiff, 0);
        for (int value : new int[] {48, 1, 51, 1, 2400, 100}) {
            le32(tiff, value);
        }
        byte[] tiffBytes = tiff.toByteArray();
        int segmentLength = 2 + 6 + tiffBytes.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segmentLength + 2);
        out.write(jpeg, 0, 2);
        writeBytes(out, 0xFF, 0xE1, segmentLength >> 8, segmentLength & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiffBytes);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void ifdEntry(ByteArrayOutputStream out, int tag, int type, int count, int value) {
        le16(out, tag);
        le16(out, type);
        le32(out, count);
        le32(out, value);
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        writeBytes(out, value & 0xFF, (value >> 8) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        writeBytes(out, value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, (value >>> 24) & 0xFF);
    }

    private static void writeBytes(ByteArrayOutputStream out, int... values) {
        for (int value : values) {
            out.write(value);
        }
    }

    // ---- store ----

    private static MinioClient store(String endpoint, Path credentialsFile) throws IOException {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(credentialsFile)) {
            credentials.load(in);
        }
        return MinioClient.builder()
                .endpoint(endpoint)
                .region("us-east-1")
                .credentials(credentials.getProperty("access-key"), credentials.getProperty("secret-key"))
                .build();
    }

    /** Puts FILE at KEY and prints a presigned GET URL for it, valid for one day. */
    static void presignGet(String endpoint, Path credentials, String bucket, String key, Path file) throws Exception {
        MinioClient client = store(endpoint, credentials);
        byte[] bytes = Files.readAllBytes(file);
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new java.io.ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType("application/octet-stream").build());
        System.out.println(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(bucket).object(key).expiry(1, TimeUnit.DAYS).build()));
    }

    /** Prints a presigned PUT URL for KEY, valid for one day. Every PUT to it overwrites the same object. */
    static void presignPut(String endpoint, Path credentials, String bucket, String key) throws Exception {
        MinioClient client = store(endpoint, credentials);
        System.out.println(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.PUT).bucket(bucket).object(key).expiry(1, TimeUnit.DAYS).build()));
    }

    // ---- expiry ----

    /**
     * Creates COUNT images the way upload-service leaves them (an object at {@code {hour}/{id}}, the
     * {@code img:{id}} hash with EXPIREAT, an ImageUploaded event), due evenly within WINDOW_SECONDS from a
     * start 15 s after the events are sent, then reads the ImageDeleted events of those images from the topic.
     * The objects are 1 KiB of random bytes, not encrypted images, because the deleter never reads them.
     */
    static void expiry(String endpoint, Path credentials, String bucket, String kafka, int redisPort, int count,
            int windowSeconds) throws Exception {
        MinioClient client = store(endpoint, credentials);
        Instant uploadedAt = Instant.now();
        List<ImageId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(ImageId.random());
        }

        long putStart = System.nanoTime();
        putObjects(client, bucket, uploadedAt, ids);
        double putSeconds = (System.nanoTime() - putStart) / 1e9;
        System.err.printf("put %d objects in %.1f s%n", count, putSeconds);

        Instant firstDue = Instant.now().plusSeconds(15);
        long windowMs = windowSeconds * 1000L;
        Map<String, Instant> dueById = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long offset = count == 1 ? 0 : windowMs * i / (count - 1);
            dueById.put(ids.get(i).value(), firstDue.plusMillis(offset));
        }
        writeRecords(redisPort, uploadedAt, ids, dueById);

        try (KafkaConsumer<String, ImageEvent> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.IMAGE_EVENTS_PARTITIONS; p++) {
                partitions.add(new TopicPartition(Topics.IMAGE_EVENTS, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            publishUploads(kafka, uploadedAt, ids, dueById);
            System.err.printf("published %d ImageUploaded events, first due %s, window %d s%n",
                    count, firstDue, windowSeconds);

            Set<String> pending = new HashSet<>(dueById.keySet());
            List<Long> lateness = new ArrayList<>(count);
            List<Long> deletedAt = new ArrayList<>(count);
            Instant deadline = firstDue.plusMillis(windowMs).plusSeconds(120);
            while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, ImageEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof ImageDeleted deleted && pending.remove(deleted.imageId().value())) {
                        lateness.add(deleted.latenessMs());
                        deletedAt.add(deleted.deletedAt().toEpochMilli());
                    }
                }
            }
            printExpiryResults(count, putSeconds, lateness, deletedAt);
        }
    }

    private static void putObjects(MinioClient client, String bucket, Instant uploadedAt, List<ImageId> ids)
            throws Exception {
        byte[] body = new byte[1024];
        new Random(7).nextBytes(body);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ImageId id : ids) {
                String key = ObjectKey.of(uploadedAt, id).value();
                futures.add(pool.submit(() -> {
                    client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                            .stream(new java.io.ByteArrayInputStream(body), body.length, -1)
                            .contentType("application/octet-stream").build());
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void writeRecords(int redisPort, Instant uploadedAt, List<ImageId> ids,
            Map<String, Instant> dueById) throws IOException {
        try (Resp redis = new Resp(redisPort)) {
            String fakeHash = "0".repeat(64);
            String fakeWrappedKey = Base64.getEncoder().encodeToString(new byte[76]);
            for (ImageId id : ids) {
                Instant due = dueById.get(id.value());
                ImageRecord record = new ImageRecord(id, ObjectKey.of(uploadedAt, id), "image/jpeg", "jpg", 1024,
                        16, 16, uploadedAt, due, fakeHash, fakeWrappedKey, java.util.Optional.empty(), 0);
                List<String> command = new ArrayList<>();
                command.add("HSET");
                command.add(RedisKeys.image(id));
                record.toHash().forEach((field, value) -> {
                    command.add(field);
                    command.add(value);
                });
                redis.send(command.toArray(String[]::new));
                redis.send("PEXPIREAT", RedisKeys.image(id), Long.toString(due.toEpochMilli()));
            }
            redis.readReplies(ids.size() * 2);
        }
    }

    private static void publishUploads(String kafka, Instant uploadedAt, List<ImageId> ids,
            Map<String, Instant> dueById) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka);
        properties.put("acks", "all");
        properties.put("linger.ms", "5");
        try (KafkaProducer<String, ImageEvent> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ImageEventSerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (ImageId id : ids) {
                ImageUploaded event = new ImageUploaded(UUID.randomUUID(), id, ObjectKey.of(uploadedAt, id).value(),
                        "image/jpeg", 1024, uploadedAt, dueById.get(id.value()), null);
                sends.add(producer.send(new ProducerRecord<>(Topics.IMAGE_EVENTS, id.value(), event)));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
    }

    private static KafkaConsumer<String, ImageEvent> consumer(String kafka) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka);
        properties.put("enable.auto.commit", "false");
        properties.put("max.poll.records", "2000");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ImageEventDeserializer());
    }

    private static void printExpiryResults(int count, double putSeconds, List<Long> lateness, List<Long> deletedAt) {
        System.out.println("created=" + count);
        System.out.printf("put_seconds=%.1f%n", putSeconds);
        System.out.println("deleted=" + lateness.size());
        if (lateness.isEmpty()) {
            return;
        }
        long[] sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println("lateness_p50_ms=" + percentile(sorted, 50));
        System.out.println("lateness_p99_ms=" + percentile(sorted, 99));
        System.out.println("lateness_max_ms=" + sorted[sorted.length - 1]);
        long first = deletedAt.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = deletedAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        double spanSeconds = Math.max(0.001, (last - first) / 1000.0);
        System.out.printf("deletion_span_s=%.1f%n", spanSeconds);
        System.out.printf("deletions_per_s=%.0f%n", lateness.size() / spanSeconds);
        // Highest number of deletions within one wall-clock second.
        Map<Long, Integer> perSecond = new HashMap<>();
        deletedAt.forEach(at -> perSecond.merge(at / 1000, 1, Integer::sum));
        System.out.println("deletions_peak_per_s=" + perSecond.values().stream().mapToInt(Integer::intValue).max()
                .orElse(0));
    }

    private static long percentile(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- Redis memory of the schedule ----

    /**
     * Adds COUNT members shaped like real schedule entries (object key, expiresAt score) to a scratch sorted set,
     * prints used_memory before and after and bytes per entry, then deletes the scratch key.
     */
    static void redisScheduleMemory(int redisPort, int count) throws IOException {
        String scratch = "bench:schedule-scratch";
        try (Resp redis = new Resp(redisPort)) {
            redis.send("DEL", scratch);
            redis.readReplies(1);
            long before = usedMemory(redis);
            Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            long score = Instant.now().toEpochMilli();
            int batch = 10_000;
            for (int sent = 0; sent < count; sent += batch) {
                int size = Math.min(batch, count - sent);
                for (int i = 0; i < size; i++) {
                    redis.send("ZADD", scratch, Long.toString(score + sent + i),
                            new ObjectKey(hour, ImageId.random()).value());
                }
                redis.readReplies(size);
            }
            long after = usedMemory(redis);
            redis.send("ZCARD", scratch);
            String cardinality = redis.readReplies(1);
            redis.send("DEL", scratch);
            redis.readReplies(1);
            System.out.println("entries=" + cardinality);
            System.out.println("used_memory_before=" + before);
            System.out.println("used_memory_after=" + after);
            System.out.printf("bytes_per_entry=%.1f%n", (after - before) / (double) count);
        }
    }

    private static long usedMemory(Resp redis) throws IOException {
        redis.send("INFO", "memory");
        String info = redis.readReplies(1);
        for (String line : info.split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IOException("INFO memory returned no used_memory line");
    }

    /** Minimal pipelining RESP2 client: send commands, then read their replies in order. */
    static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Resp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        void send(String... arguments) throws IOException {
            out.write(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write('\r');
                out.write('\n');
            }
        }

        /** Reads {@code count} replies and returns the last one as text; fails on an error reply. */
        String readReplies(int count) throws IOException {
            out.flush();
            String last = null;
            for (int i = 0; i < count; i++) {
                last = readReply();
            }
            return last;
        }

        private String readReply() throws IOException {
            int type = in.read();
            String line = readLine();
            switch (type) {
                case '+', ':' -> {
                    return line;
                }
                case '-' -> throw new IOException("Redis returned an error: " + line);
                case '$' -> {
                    int length = Integer.parseInt(line);
                    if (length < 0) {
                        return null;
                    }
                    byte[] bytes = in.readNBytes(length + 2);
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int length = Integer.parseInt(line);
                    String[] items = new String[Math.max(0, length)];
                    for (int i = 0; i < length; i++) {
                        items[i] = readReply();
                    }
                    return Arrays.toString(items);
                }
                default -> throw new IOException("Unexpected RESP reply type " + type);
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("Redis closed the connection before the reply ended");
                }
                line.append((char) c);
            }
            in.read();
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
