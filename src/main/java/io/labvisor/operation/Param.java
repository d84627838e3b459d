package io.labvisor.operation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One member of a request record: the one place its names come from. The member name is the component's name
 * with its first letter upper-cased ({@code volumeIds}: {@code VolumeIds}), as in EC2's service model; the AWS
 * CLI's option is that name in kebab case ({@code --volume-ids}); the Query parameter is the model's
 * {@code locationName}, the member name unless given here ({@code VolumeId}, whose items are {@code VolumeId.N}).
 * A component without this annotation takes every default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** The Query parameter (the model's locationName); empty: the member name. */
    String query() default "";

    /** EC2 refuses a request without it ({@code MissingParameter}). */
    boolean required() default false;

    /** labvisor's command line offers no option for it (the Query API takes it). */
    boolean queryOnly() default false;

    /** The Query API carries it base64-encoded (RunInstances' UserData); the request holds it decoded. */
    boolean base64() default false;
}
