package io.labvisor.virt;

import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** A libvirt call failed. Carries libvirt's error number so callers can tell "no such domain" from real faults. */
public final class VirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Error.ErrorNumber number;

    public VirtException(String what, LibvirtException cause) {
        super(what + ": " + (cause.getError() != null ? cause.getError().getMessage() : cause.getMessage()), cause);
        this.number = cause.getError() != null ? cause.getError().getCode() : null;
    }

    /** A failure that did not come from libvirt-java (an in-memory host's, in tests): never "not found". */
    public VirtException(String message) {
        super(message);
        this.number = null;
    }

    public boolean isNotFound() {
        return number == Error.ErrorNumber.VIR_ERR_NO_DOMAIN
                || number == Error.ErrorNumber.VIR_ERR_NO_STORAGE_POOL
                || number == Error.ErrorNumber.VIR_ERR_NO_STORAGE_VOL
                || number == Error.ErrorNumber.VIR_ERR_NO_NETWORK;
    }

    static boolean isNotFound(LibvirtException e) {
        return new VirtException("", e).isNotFound();
    }
}
