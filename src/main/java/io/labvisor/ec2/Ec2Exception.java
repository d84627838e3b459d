package io.labvisor.ec2;

/**
 * An error the EC2 API would return: a code such as {@code InvalidAMIID.NotFound} and a message.
 * Every user-facing failure is one of these, so the CLI and the Query API report it the same way.
 */
public final class Ec2Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public Ec2Exception(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public Ec2Exception(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static Ec2Exception invalidParameter(String message) {
        return new Ec2Exception(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }
}
