package io.labvisor.operation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One member of a response record, rendered the two ways EC2's clients see it. In the AWS CLI's JSON it is the
 * member name, the component's name with its first letter upper-cased; in EC2's XML it is the member's
 * {@code locationName} from the 2016-11-15 service model, the component's name unless given here (lists are
 * usually {@code xxxSet}). A list is a JSON array and, in XML, one element per member named {@code item}. A
 * component without this annotation takes every default; a null or empty Optional value is left out both ways.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Field {
    /** The XML element (the model's locationName); empty: the component's name. */
    String xml() default "";

    /** The JSON member; empty: the component's name with its first letter upper-cased. */
    String json() default "";

    /** An empty list is left out both ways (EC2 leaves out an empty {@code tagSet}). */
    boolean omitEmpty() default false;

    /**
     * EC2 writes the element but the service model has no member for it, so the SDKs and the AWS CLI never show
     * it: {@code <return>true</return>} of DeleteVolume and the like. The only way the two renderings may differ.
     */
    boolean xmlOnly() default false;

    /** EC2's XML carries the text base64-encoded and botocore decodes it after the call (GetConsoleOutput). */
    boolean base64() default false;
}
