package org.nestguard.agent.platform;

/** Lists the applications installed for the machine and for every local user. */
public interface SoftwareProbe {
    SoftwareInventory installed() throws ProbeException;
}
