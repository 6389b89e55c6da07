package org.nestguard.agent.platform;

import java.util.List;

/** Reads the host firewall: one entry per firewall or per profile (Windows: Domain, Private, Public). */
public interface FirewallProbe {
    List<FirewallState> firewalls() throws ProbeException;
}
