package io.labvisor.ec2;

/** The one AWS account a lab machine stands for. */
public final class Account {
    /** EC2 shows an owner account id on reservations and images; a lab machine has one owner. */
    public static final String OWNER_ID = "000000000000";
    /** The IAM user that labvisor's access keys belong to. */
    public static final String USER_NAME = "labvisor";

    private Account() {
    }
}
