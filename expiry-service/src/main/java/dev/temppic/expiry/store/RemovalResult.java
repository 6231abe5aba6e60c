package dev.temppic.expiry.store;

import java.util.Map;
import java.util.Set;

/**
 * Outcome of one multi-object delete request.
 *
 * @param removed keys that are gone from the store now, including keys that were already gone
 * @param failed keys whose deletion the store rejected, with the store's error code and message
 * @param requestFailure the error that failed the whole request (store unreachable, timeout, 5xx), or
 *     {@code null}; when set, every key counts as failed
 */
public record RemovalResult(Set<String> removed, Map<String, String> failed, Exception requestFailure) {

    /** Returns whether the request itself failed, so no key is known to be removed. */
    public boolean requestFailed() {
        return requestFailure != null;
    }
}
