package dev.temppic.upload.web;

/** Thrown when a request parameter is invalid; the message names the parameter, the value and the allowed range. */
public class BadParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** Name of the invalid parameter. */
    public String parameter() {
        return parameter;
    }
}
