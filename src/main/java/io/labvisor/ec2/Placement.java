package io.labvisor.ec2;

/** A lab machine is one availability zone of one region. */
public final class Placement {
    public static final String REGION = "lab-1";
    public static final String AVAILABILITY_ZONE = "lab-1a";

    private Placement() {
    }
}
