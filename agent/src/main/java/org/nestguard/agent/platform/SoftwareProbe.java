package org.nestguard.agent.platform;

import java.util.List;

/** Lists the applications installed for the machine and for every local user. */
public interface SoftwareProbe {
    List<InstalledApp> installed() throws ProbeException;
}
