package io.labvisor.virtxml;

/**
 * XML that cannot be parsed or does not describe a valid object. It is an {@link IllegalArgumentException} because
 * the caller handed in a bad document, just as builders throw that for bad values.
 */
public class XmlException extends IllegalArgumentException {
    public XmlException(String message) {
        super(message);
    }

    public XmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
