package io.labvisor.store;

/** The state database failed; not the user's fault, reported as EC2's InternalError. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
