package dev.temppic.upload.web;

import dev.temppic.model.id.ImageLifetime;
import dev.temppic.upload.service.UploadOptions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses the optional upload parameters {@code expiresIn} and {@code maxViews}. An absent or empty parameter means
 * the default, so an HTML form may send empty fields.
 */
final class UploadParameters {

    static final String EXPIRES_IN = "expiresIn";
    static final String MAX_VIEWS = "maxViews";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NEGATIVE_DIGITS = Pattern.compile("-[0-9]{1,12}");
    private static final int MAX_ECHOED_LENGTH = 40;

    private UploadParameters() {
    }

    /**
     * Reads the options from {@code parameterValues}, which returns every value of a parameter or null when it is
     * absent, such as {@code HttpServletRequest::getParameterValues}.
     */
    static UploadOptions parse(Function<String, String[]> parameterValues) throws BadParameterException {
        Optional<String> expiresIn = single(EXPIRES_IN, parameterValues.apply(EXPIRES_IN));
        Optional<String> maxViews = single(MAX_VIEWS, parameterValues.apply(MAX_VIEWS));
        Duration lifetime = expiresIn.isPresent() ? parseLifetime(expiresIn.get()) : ImageLifetime.MAX;
        Optional<Integer> viewLimit = maxViews.isPresent() ? Optional.of(parseMaxViews(maxViews.get())) : Optional.empty();
        return new UploadOptions(lifetime, viewLimit);
    }

    /** Parses whole seconds ({@code 3600}) or an ISO-8601 duration ({@code PT1H}) within the lifetime bounds. */
    static Duration parseLifetime(String text) throws BadParameterException {
        String value = text.strip();
        Duration lifetime;
        if (DIGITS.matcher(value).matches()) {
            lifetime = Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                lifetime = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadParameterException(EXPIRES_IN, "The value " + quote(text) + " of expiresIn is not a "
                        + "lifetime. Give whole seconds from 60 to 86400, such as 3600, or an ISO-8601 duration from "
                        + "PT1M to PT24H, such as PT1H.");
            }
        }
        if (lifetime.compareTo(ImageLifetime.MIN) < 0 || lifetime.compareTo(ImageLifetime.MAX) > 0) {
            throw new BadParameterException(EXPIRES_IN, "expiresIn " + quote(text) + " is outside the allowed range. "
                    + "Choose a lifetime from 60 seconds (PT1M) to 86400 seconds (PT24H).");
        }
        return lifetime;
    }

    /** Parses a whole number within the view-limit bounds. */
    static int parseMaxViews(String text) throws BadParameterException {
        String value = text.strip();
        String allowed = "Give a whole number from " + ImageLifetime.MIN_VIEWS + " to " + ImageLifetime.MAX_VIEWS
                + ", or leave maxViews out for unlimited views until the image expires.";
        if (NEGATIVE_DIGITS.matcher(value).matches()) {
            throw new BadParameterException(MAX_VIEWS, "maxViews " + quote(text) + " is outside the allowed range. "
                    + allowed);
        }
        if (!DIGITS.matcher(value).matches()) {
            throw new BadParameterException(MAX_VIEWS, "The value " + quote(text) + " of maxViews is not a whole "
                    + "number. " + allowed);
        }
        long views = Long.parseLong(value);
        if (views < ImageLifetime.MIN_VIEWS || views > ImageLifetime.MAX_VIEWS) {
            throw new BadParameterException(MAX_VIEWS, "maxViews " + quote(text) + " is outside the allowed range. "
                    + allowed);
        }
        return (int) views;
    }

    private static Optional<String> single(String name, String[] values) throws BadParameterException {
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw new BadParameterException(name, "The parameter " + name + " was given " + values.length
                    + " times. Give it once, either in the query string or as a form field.");
        }
        return values[0].isBlank() ? Optional.empty() : Optional.of(values[0]);
    }

    /** Quotes a client value for an error detail, shortened so that a huge value does not fill the response. */
    private static String quote(String value) {
        String shortened = value.length() > MAX_ECHOED_LENGTH ? value.substring(0, MAX_ECHOED_LENGTH) + "..." : value;
        return "'" + shortened + "'";
    }
}
