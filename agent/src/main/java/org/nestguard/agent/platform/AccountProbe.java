package org.nestguard.agent.platform;

import java.util.List;

/** Reads the local accounts and the machine's logon settings (guest, automatic logon). */
public interface AccountProbe {
    List<LocalAccount> accounts() throws ProbeException;

    LogonSettings logonSettings() throws ProbeException;
}
