package dev.temppic.gateway.upload;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Route filter {@code UploadSizeLimit}: rejects upload bodies above
 * {@link UploadLimitProperties#maxBodyBytes()} with 413.
 *
 * <p>A declared {@code Content-Length} above the limit is rejected before any byte is read or forwarded. A body
 * without one (chunked transfer encoding) is counted while it streams to upload-service and cut off with 413 once it
 * passes the limit. Spring Cloud Gateway's own RequestSize filter checks only {@code Content-Length} and responds
 * without a body, hence this filter.
 */
@Component
public class UploadSizeLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final UploadLimitProperties properties;

    public UploadSizeLimitGatewayFilterFactory(UploadLimitProperties properties) {
        super(Object.class);
        this.properties = properties;
    }

    @Override
    public GatewayFilter apply(Object config) {
        long limit = properties.maxBodyBytes();
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            long declared = request.getHeaders().getContentLength();
            if (declared > limit) {
                return Mono.error(new UploadTooLargeException(properties.maxFileSize()));
            }
            if (declared >= 0) {
                return chain.filter(exchange);
            }
            ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
                @Override
                public Flux<DataBuffer> getBody() {
                    AtomicLong total = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (total.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            sink.error(new UploadTooLargeException(properties.maxFileSize()));
                        } else {
                            sink.next(buffer);
                        }
                    });
                }
            };
            return chain.filter(exchange.mutate().request(counted).build());
        };
    }
}
