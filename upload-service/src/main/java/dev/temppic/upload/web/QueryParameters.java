package dev.temppic.upload.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a query string, decoded as {@code application/x-www-form-urlencoded}.
 *
 * <p>Raw-body uploads read their parameters here instead of through {@code HttpServletRequest.getParameter}: for a
 * body declared as {@code application/x-www-form-urlencoded}, which {@code curl --data-binary} sends by default,
 * the servlet container would parse the image bytes as form fields.
 */
final class QueryParameters {

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code queryString}, which may be null.
     *
     * @throws BadParameterException when a name or value is not valid percent-encoding
     */
    static QueryParameters parse(String queryString) throws BadParameterException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return new QueryParameters(values);
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return new QueryParameters(values);
    }

    /** Returns every value of {@code name}, or null when it is absent, like {@code getParameterValues}. */
    String[] get(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.toArray(String[]::new);
    }

    private static String decode(String text) throws BadParameterException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("query", "The query string is not valid percent-encoding near '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "'. Encode parameter values as in a URL, such as expiresIn=PT1H&maxViews=5.");
        }
    }
}
