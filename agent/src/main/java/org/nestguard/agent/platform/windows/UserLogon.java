package org.nestguard.agent.platform.windows;

import java.util.List;
import org.nestguard.agent.platform.ProbeException;

/** The Windows calls the hold's lock needs: an account's flags (Netapi32) and its sessions (Wtsapi32). */
public interface UserLogon {
    /** {@code usri1_flags} from {@code NetUserGetInfo} level 1. */
    int flags(String account) throws ProbeException;

    /** Sets {@code usri1008_flags} with {@code NetUserSetInfo} level 1008. */
    void setFlags(String account, int flags) throws ProbeException;

    /** The session ids where {@code account} is logged on ({@code WTSEnumerateSessions}, {@code WTSUserName}). */
    List<Integer> sessionsOf(String account) throws ProbeException;

    /** {@code WTSLogoffSession}, waiting for it. */
    void logOff(int sessionId) throws ProbeException;
}
