package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.agent.platform.ProbeException;

/**
 * The hold's lock on Windows: sets {@code UF_ACCOUNTDISABLE} on the account (Netapi32 level 1008, the other flags
 * kept) and logs off its sessions; unlocking clears the flag only when it was clear before.
 */
public final class WindowsLogonLock implements LogonLock {
    private final UserLogon logon;

    public WindowsLogonLock(UserLogon logon) {
        this.logon = logon;
    }

    @Override
    public LockedAccount lock(LocalAccount account) throws ProbeException {
        int flags = logon.flags(account.name());
        boolean wasDisabled = (flags & NetUser.UF_ACCOUNTDISABLE) != 0;
        if (!wasDisabled) {
            logon.setFlags(account.name(), flags | NetUser.UF_ACCOUNTDISABLE);
        }
        List<String> failures = new ArrayList<>();
        for (int session : logon.sessionsOf(account.name())) {
            try {
                logon.logOff(session);
            } catch (ProbeException e) {
                failures.add("session " + session + ": " + e.getMessage());
            }
        }
        return new LockedAccount(account.name(), account.id(), wasDisabled, null, failures.isEmpty() ? null
                : "disabled, but not every session could be logged off (" + String.join("; ", failures) + ")");
    }

    @Override
    public void unlock(LockedAccount locked) throws ProbeException {
        if (locked.wasDisabled()) {
            return;
        }
        int flags = logon.flags(locked.account());
        logon.setFlags(locked.account(), flags & ~NetUser.UF_ACCOUNTDISABLE);
    }
}
