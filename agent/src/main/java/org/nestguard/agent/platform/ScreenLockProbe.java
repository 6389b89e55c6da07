package org.nestguard.agent.platform;

import java.util.List;

/**
 * Reads each local user's automatic screen-lock settings. Where the values live in the user's own
 * session (GNOME, macOS), implementations read them in that user's context from the root service.
 */
public interface ScreenLockProbe {
    List<ScreenLockSetting> users() throws ProbeException;
}
