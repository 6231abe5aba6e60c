package dev.temppic.serving.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an image a GET sends, chosen from its {@code Range} header (RFC 9110, section 14).
 *
 * <p>Only a single {@code bytes} range is honoured. A header with several ranges, another unit or invalid
 * syntax is ignored and the whole image is sent with 200, which RFC 9110 allows. Multipart/byteranges
 * responses are not implemented.
 *
 * @param kind whether to send everything, one range or 416
 * @param first offset of the first byte to send, inclusive
 * @param last offset of the last byte to send, inclusive; {@code first - 1} when nothing is sent
 * @param size size of the whole image in bytes
 */
record RangeSelection(Kind kind, long first, long last, long size) {

    /** Outcome of evaluating a {@code Range} header. */
    enum Kind {
        /** 200 with the whole image. */
        FULL,
        /** 206 with bytes {@code first..last}. */
        PARTIAL,
        /** 416: the range starts at or after the end of the image. */
        UNSATISFIABLE
    }

    private static final String UNIT_PREFIX = "bytes=";

    /** Up to 18 digits, so that every accepted number fits in a long. */
    private static final Pattern SINGLE_RANGE = Pattern.compile("(\\d{0,18})-(\\d{0,18})");

    /** Selects the whole image. */
    static RangeSelection full(long size) {
        return new RangeSelection(Kind.FULL, 0, size - 1, size);
    }

    /**
     * Evaluates a {@code Range} header against an image of {@code size} bytes.
     *
     * @param rangeHeader the header value, or {@code null} when absent
     */
    static RangeSelection select(String rangeHeader, long size) {
        if (rangeHeader == null || !rangeHeader.regionMatches(true, 0, UNIT_PREFIX, 0, UNIT_PREFIX.length())) {
            return full(size);
        }
        String ranges = rangeHeader.substring(UNIT_PREFIX.length()).trim();
        if (ranges.indexOf(',') >= 0) {
            return full(size);
        }
        Matcher matcher = SINGLE_RANGE.matcher(ranges);
        if (!matcher.matches()) {
            return full(size);
        }
        String firstText = matcher.group(1);
        String lastText = matcher.group(2);
        if (firstText.isEmpty() && lastText.isEmpty()) {
            return full(size);
        }

        if (firstText.isEmpty()) {
            // Suffix range "-n": the last n bytes.
            long suffixLength = Long.parseLong(lastText);
            if (suffixLength == 0 || size == 0) {
                return unsatisfiable(size);
            }
            return partial(Math.max(0, size - suffixLength), size - 1, size);
        }

        long first = Long.parseLong(firstText);
        if (!lastText.isEmpty() && Long.parseLong(lastText) < first) {
            // "5-4" is invalid syntax, not an unsatisfiable range.
            return full(size);
        }
        if (first >= size) {
            return unsatisfiable(size);
        }
        long last = lastText.isEmpty() ? size - 1 : Math.min(Long.parseLong(lastText), size - 1);
        return partial(first, last, size);
    }

    /** Number of bytes to send. */
    long length() {
        return last - first + 1;
    }

    /** Formats the {@code Content-Range} value of a 206 or 416 response. */
    String contentRange() {
        if (kind == Kind.UNSATISFIABLE) {
            return "bytes */" + size;
        }
        return "bytes " + first + "-" + last + "/" + size;
    }

    private static RangeSelection partial(long first, long last, long size) {
        return new RangeSelection(Kind.PARTIAL, first, last, size);
    }

    private static RangeSelection unsatisfiable(long size) {
        return new RangeSelection(Kind.UNSATISFIABLE, 0, -1, size);
    }
}
