package org.nestguard.agent.quarantine;

/** A release, destroy or export the vault did not carry out; nothing was changed and the message says why. */
public final class VaultRefusedException extends Exception {
    public VaultRefusedException(String message) {
        super(message);
    }
}
