package org.nestguard.agent.platform;

import java.net.InetAddress;
import java.util.List;

/** Lists the device's current network addresses, so checks can tell whether it is on the setting's premises. */
public interface AddressProbe {
    List<InetAddress> addresses() throws ProbeException;
}
