package dev.temppic.gateway.pages;

import dev.temppic.gateway.GatewayProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates a ShareX custom uploader file (ShareX 13 and later: {@code {json:...}} syntax) that uploads to this host.
 *
 * <p>The host is {@code temppic.gateway.public-base-url} when set, else the scheme, host and port of the request, so
 * a file downloaded from {@code http://127.0.0.1:8080} points there. Links are built from the upload response's
 * {@code id} on that host, because upload-service returns relative links unless it has a public base URL of its own.
 * ShareX opens the deletion URL in a browser with GET, so it points at the share page, whose script sends the
 * DELETE with the token from the URL fragment (which browsers never send to the server).
 */
@Component
public class ShareXConfigHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GatewayProperties properties;

    public ShareXConfigHandler(GatewayProperties properties) {
        this.properties = properties;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        String origin = origin(request.uri());
        byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config(origin));
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("temppic.sxcu").build().toString())
                .bodyValue(body);
    }

    String origin(URI requestUri) {
        URI base = properties.publicBaseUrl();
        URI source = base != null ? base : requestUri;
        String port = source.getPort() < 0 ? "" : ":" + source.getPort();
        return source.getScheme() + "://" + source.getHost() + port;
    }

    static Map<String, Object> config(String origin) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Version", "15.0.0");
        config.put("Name", "TempPic (" + URI.create(origin).getAuthority() + ")");
        config.put("DestinationType", "ImageUploader");
        config.put("RequestMethod", "POST");
        config.put("RequestURL", origin + "/api/images");
        config.put("Body", "MultipartFormData");
        config.put("FileFormName", "file");
        config.put("URL", origin + "/i/{json:id}");
        config.put("ThumbnailURL", origin + "/i/{json:id}");
        config.put("DeletionURL", origin + "/v/{json:id}#delete={json:deleteToken}");
        config.put("ErrorMessage", "{json:detail}");
        return config;
    }
}
