package dev.temppic.gateway.pages;

import dev.temppic.model.id.ImageId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Pages of the web client: {@code /} (upload), {@code /v/{id}} (share page), {@code /privacy}, and the generated
 * ShareX file {@code /temppic.sxcu}. Scripts and styles under {@code /js} and {@code /css} are plain static resources.
 *
 * <p>The share page is the same static HTML for every id, so link previews that chat apps fetch never touch the
 * image. A malformed id gets the same page with status 404, and the page's script shows the "not found" text.
 */
@Configuration(proxyBeanMethods = false)
public class PageRoutes {

    private static final Resource UPLOAD_PAGE = new ClassPathResource("static/index.html");
    private static final Resource SHARE_PAGE = new ClassPathResource("static/share.html");
    private static final Resource PRIVACY_PAGE = new ClassPathResource("static/privacy.html");

    @Bean
    RouterFunction<ServerResponse> pageRouter(ShareXConfigHandler shareX) {
        return route(GET("/"), request -> page(HttpStatus.OK, UPLOAD_PAGE))
                .andRoute(GET("/v/{id}"), request -> page(
                        ImageId.tryParse(request.pathVariable("id")).isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND,
                        SHARE_PAGE))
                .andRoute(GET("/privacy"), request -> page(HttpStatus.OK, PRIVACY_PAGE))
                .andRoute(GET("/temppic.sxcu"), shareX::handle);
    }

    private static Mono<ServerResponse> page(HttpStatus status, Resource html) {
        return ServerResponse.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .bodyValue(html);
    }
}
