package org.nestguard.agent.platform;

/** Reads the default gateway, its hardware address and the Wi-Fi network name. */
public interface GatewayProbe {
    Gateway current() throws ProbeException;
}
