package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command prefix that runs a program inside a logged-in user's session from the root LaunchDaemon.
 * {@code launchctl asuser} enters the user's bootstrap namespace (cfprefsd, the session keybag); {@code sudo -u}
 * then drops to the user's uid. Per-user screen-lock values are only visible this way (research §3(b)).
 */
public record UserContext(String user, long uid) {

    /** The full command line: {@code launchctl asuser UID sudo -u USER <command...>}. */
    public List<String> command(String... command) {
        List<String> line = new ArrayList<>(List.of("launchctl", "asuser", Long.toString(uid), "sudo", "-u", user));
        line.addAll(List.of(command));
        return line;
    }
}
