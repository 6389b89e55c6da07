package org.nestguard.console.pki;

/** A client certificate the console will not accept as a device: says why, for the refusal sent to the agent. */
public final class UntrustedDeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public UntrustedDeviceException(String message) {
        super(message);
    }
}
