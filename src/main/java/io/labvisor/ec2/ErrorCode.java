package io.labvisor.ec2;

/** EC2 error codes labvisor returns, with the HTTP status EC2 pairs with each. */
public enum ErrorCode {
    AUTH_FAILURE("AuthFailure", 401),
    DRY_RUN_OPERATION("DryRunOperation", 412),
    INCORRECT_INSTANCE_STATE("IncorrectInstanceState", 400),
    INCORRECT_STATE("IncorrectState", 400),
    INSUFFICIENT_INSTANCE_CAPACITY("InsufficientInstanceCapacity", 500),
    INTERNAL_ERROR("InternalError", 500),
    INVALID_ACTION("InvalidAction", 400),
    INVALID_AMI_ID_MALFORMED("InvalidAMIID.Malformed", 400),
    INVALID_AMI_ID_NOT_FOUND("InvalidAMIID.NotFound", 400),
    INVALID_AMI_NAME_DUPLICATE("InvalidAMIName.Duplicate", 400),
    DEPENDENCY_VIOLATION("DependencyViolation", 400),
    CANNOT_DELETE("CannotDelete", 400),
    INVALID_GROUP_DUPLICATE("InvalidGroup.Duplicate", 400),
    INVALID_GROUP_NOT_FOUND("InvalidGroup.NotFound", 400),
    INVALID_PERMISSION_DUPLICATE("InvalidPermission.Duplicate", 400),
    INVALID_PERMISSION_NOT_FOUND("InvalidPermission.NotFound", 400),
    INVALID_SUBNET_CONFLICT("InvalidSubnet.Conflict", 400),
    INVALID_SUBNET_RANGE("InvalidSubnet.Range", 400),
    INVALID_SUBNET_ID_NOT_FOUND("InvalidSubnetID.NotFound", 400),
    INVALID_VPC_ID_NOT_FOUND("InvalidVpcID.NotFound", 400),
    INVALID_VPC_RANGE("InvalidVpc.Range", 400),
    INSUFFICIENT_FREE_ADDRESSES("InsufficientFreeAddressesInSubnet", 400),
    INVALID_BLOCK_DEVICE_MAPPING("InvalidBlockDeviceMapping", 400),
    INVALID_FILTER("InvalidFilter", 400),
    INVALID_ID("InvalidID", 400),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded", 400),
    INVALID_INSTANCE_ID_MALFORMED("InvalidInstanceID.Malformed", 400),
    INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound", 400),
    INVALID_INSTANCE_TYPE("InvalidInstanceType", 400),
    INVALID_MANIFEST("InvalidManifest", 400),
    INVALID_PARAMETER("InvalidParameter", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    INVALID_SNAPSHOT_NOT_FOUND("InvalidSnapshot.NotFound", 400),
    INVALID_VOLUME_ID_NOT_FOUND("InvalidVolume.NotFound", 400),
    MISSING_PARAMETER("MissingParameter", 400),
    NO_SUCH_ENTITY("NoSuchEntity", 404),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
    UNKNOWN_PARAMETER("UnknownParameter", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperation", 400),
    VOLUME_IN_USE("VolumeInUse", 400);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The code as EC2 spells it on the wire. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
