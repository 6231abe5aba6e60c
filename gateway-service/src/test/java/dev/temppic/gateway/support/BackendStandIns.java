package dev.temppic.gateway.support;

import dev.temppic.gateway.support.StandInServer.Response;
import dev.temppic.infra.ConnectionInfo;
import dev.temppic.infra.junit.TempPicInfraExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Realistic responses of upload-service and serving-service, as their HTTP contract describes them. */
public final class BackendStandIns {

    /** Id of the image that the upload stand-in always returns; 22 URL-safe Base64 characters. */
    public static final String IMAGE_ID = "AbCdEfGhIjKlMnOpQrStUw";

    /** Id of an image that the serving stand-in describes as view-limited (one view left of one). */
    public static final String BURN_ID = "BurnAfterReading01234A";

    /** A delete token of 43 characters (256 bits), as upload-service issues them. */
    public static final String DELETE_TOKEN = "dT0kEn-0123456789abcdefghijklmnopqrstuvwxyzA";

    public static final String IMAGE_CSP = "default-src 'none'; sandbox";

    private BackendStandIns() {
    }

    /** Points the gateway at the shared test Redis and at the two stand-ins. */
    public static void registerGatewayProperties(DynamicPropertyRegistry registry, StandInServer upload,
            StandInServer serving) {
        ConnectionInfo infra = TempPicInfraExtension.connection();
        registry.add(ConnectionInfo.REDIS_HOST, infra::redisHost);
        registry.add(ConnectionInfo.REDIS_PORT, infra::redisPort);
        registry.add("temppic.gateway.upload-uri", upload::baseUrl);
        registry.add("temppic.gateway.serving-uri", serving::baseUrl);
    }

    /** upload-service: 201 for POST /api/images, 204 for DELETE /api/images/{id} with the right token. */
    public static StandInServer uploadService(String publicOrigin) {
        return StandInServer.start(request -> {
            if (request.method().equals("POST") && request.path().equals("/api/images")) {
                boolean burn = request.query().contains("maxViews=1");
                String expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
                String json = """
                        {"id":"%1$s","url":"%2$s/i/%1$s.png","pageUrl":"%2$s/v/%1$s",\
                        "deleteUrl":"%2$s/api/images/%1$s?token=%3$s","deleteToken":"%3$s",\
                        "expiresAt":"%4$s","contentType":"image/png","size":%5$d,"width":64,"height":48,\
                        "maxViews":%6$s}""".formatted(IMAGE_ID, publicOrigin, DELETE_TOKEN, expiresAt,
                        request.bodyBytes(), burn ? "1" : "null");
                return new Response(201, Map.of("Content-Type", "application/json", "Location",
                        "/i/" + IMAGE_ID + ".png"), json.getBytes());
            }
            if (request.method().equals("DELETE") && request.path().startsWith("/api/images/")) {
                return DELETE_TOKEN.equals(request.header("X-Delete-Token")) ? Response.empty(204) : notFound();
            }
            return notFound();
        });
    }

    /** serving-service: image bytes under /i/, metadata under /api/images/{id}, and counters under /api/stats. */
    public static StandInServer servingService(byte[] png, int width, int height) {
        return StandInServer.start(request -> {
            if (request.path().startsWith("/i/" + IMAGE_ID) || request.path().startsWith("/i/" + BURN_ID)) {
                return new Response(200, Map.of("Content-Type", "image/png", "Content-Security-Policy", IMAGE_CSP,
                        "X-Content-Type-Options", "nosniff", "Cache-Control", "private, max-age=60"), png);
            }
            boolean burn = request.path().equals("/api/images/" + BURN_ID);
            if (request.path().equals("/api/images/" + IMAGE_ID) || burn) {
                String expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
                return Response.json(200, """
                        {"id":"%s","contentType":"image/png","size":%d,"width":%d,"height":%d,\
                        "expiresAt":"%s","maxViews":%s,"viewsLeft":%s}""".formatted(
                        burn ? BURN_ID : IMAGE_ID, png.length, width, height, expiresAt, burn ? "1" : "null",
                        burn ? "1" : "null"));
            }
            if (request.path().equals("/api/stats")) {
                return Response.json(200, """
                        {"from":"2026-01-01T10:00:00Z","to":"2026-01-01T12:00:00Z","hours":[\
                        {"hour":"2026-01-01T10:00:00Z","counters":{}},\
                        {"hour":"2026-01-01T11:00:00Z","counters":{"bytes":52000,"burnAfterRead":1,\
                        "deleted.EXPIRED":1,"uploads":3,"views":12}}],\
                        "totals":{"burnAfterRead":1,"bytes":52000,"deleted.EXPIRED":1,"uploads":3,"views":12}}""");
            }
            return notFound();
        });
    }

    public static Response notFound() {
        return new Response(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"This image does not exist or has expired.\"}"
                        .getBytes());
    }
}
