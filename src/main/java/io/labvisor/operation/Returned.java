package io.labvisor.operation;

/**
 * The answer of an operation whose model has no output (DeleteVolume, CreateTags, ...): EC2 writes
 * {@code <return>true</return>}, the AWS CLI prints nothing.
 */
public record Returned(@Field(xml = "return", json = "Return", xmlOnly = true) boolean returnValue) {
    public static final Returned TRUE = new Returned(true);
}
