package io.labvisor.accel;

/**
 * The accelerator labvisor uses and why.
 *
 * @param source {@code override} (--accel / LABVISOR_ACCEL), {@code probe} (just measured) or {@code cached}
 * @param reason a sentence a person can read, e.g. "KVM guest printed no boot marker within 20 s"
 */
public record AccelChoice(Accelerator accelerator, String source, String reason) {
}
