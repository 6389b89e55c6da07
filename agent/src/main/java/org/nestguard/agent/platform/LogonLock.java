package org.nestguard.agent.platform;

/**
 * Disables and re-enables interactive logon for a local account: the device hold's lock. One implementation per
 * operating system; each remembers what it changed so that unlocking puts back exactly the state before.
 */
public interface LogonLock {
    /**
     * Disables logon for {@code account} and ends its sessions.
     *
     * @return what to restore; its warning says when the account is locked but its sessions could not be ended
     * @throws ProbeException when the account could not be locked (it is unchanged)
     */
    LockedAccount lock(LocalAccount account) throws ProbeException;

    /** Puts back exactly what {@link #lock} changed. */
    void unlock(LockedAccount locked) throws ProbeException;
}
