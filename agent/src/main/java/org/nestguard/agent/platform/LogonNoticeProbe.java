package org.nestguard.agent.platform;

import java.util.List;

/** Reads the notices shown to people before or at logon (legal notice, greeter banner, login window text). */
public interface LogonNoticeProbe {
    /** Every configured notice; empty when none is configured anywhere. */
    List<LogonNotice> notices() throws ProbeException;
}
