package org.nestguard.agent.platform;

/** Reads the operating system's release and the updates waiting to be installed. */
public interface UpdateProbe {
    OsRelease release() throws ProbeException;

    PendingUpdates pending() throws ProbeException;
}
