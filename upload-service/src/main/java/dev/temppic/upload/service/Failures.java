package dev.temppic.upload.service;

import org.springframework.core.NestedExceptionUtils;

/** Describes exceptions for log lines. */
final class Failures {

    private Failures() {
    }

    /**
     * Returns the exception's class and message, followed by its root cause when that differs, because the message
     * of a Spring wrapper such as {@code RedisSystemException} is only "Redis exception".
     */
    static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        if (root != failure) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text;
    }
}
