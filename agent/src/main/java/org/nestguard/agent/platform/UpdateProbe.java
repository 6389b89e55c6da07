package org.nestguard.agent.platform;

import java.util.List;

/** Reads the operating system's release and the updates waiting to be installed. */
public interface UpdateProbe {
    OsRelease release() throws ProbeException;

    List<PendingUpdate> pending() throws ProbeException;
}
