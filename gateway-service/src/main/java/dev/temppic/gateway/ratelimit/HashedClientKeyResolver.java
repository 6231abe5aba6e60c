package dev.temppic.gateway.ratelimit;

import dev.temppic.gateway.address.ClientAddressResolver;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.Base64;

/**
 * Rate-limit key of a request: {@code HMAC-SHA256(day key, client address)} in URL-safe Base64, never the address.
 *
 * <p>IPv6 clients are keyed by their /64 prefix, because one subscriber usually gets a whole /64 and could otherwise
 * pick a fresh address per request. The key ends up in Redis inside the gateway's rate-limiter entries, which expire
 * after twice the time a bucket takes to refill.
 */
public class HashedClientKeyResolver implements KeyResolver {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final ClientAddressResolver addresses;
    private final DailyKeyring keyring;

    HashedClientKeyResolver(ClientAddressResolver addresses, DailyKeyring keyring) {
        this.addresses = addresses;
        this.keyring = keyring;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> hash(addresses.resolve(exchange.getRequest())));
    }

    String hash(byte[] address) {
        byte[] keyed = address.length == 16 ? Arrays.copyOf(address, 8) : address;
        return BASE64.encodeToString(DailyKeyring.hmac(keyring.currentKey(), keyed));
    }
}
