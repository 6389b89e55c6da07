package org.nestguard.agent.platform.linux;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.agent.platform.ProbeException;

/**
 * The hold's lock on Linux: {@code usermod -L -e 1} (password locked and the account expired, so neither a
 * password nor a key logs on), then {@code loginctl terminate-user}; the shadow entry's lock and expiry are read
 * first so that unlocking restores them exactly.
 */
public final class LinuxLogonLock implements LogonLock {
    /** {@code usermod -e 1}: expired on 2 January 1970. */
    static final long EXPIRED = 1;

    private final HostRoot root;
    private final CommandRunner commands;

    public LinuxLogonLock(HostRoot root, CommandRunner commands) {
        this.root = root;
        this.commands = commands;
    }

    @Override
    public LockedAccount lock(LocalAccount account) throws ProbeException {
        String name = account.name();
        ShadowFile.Entry before = ShadowFile.parse(root.read("/etc/shadow")).byName(name).orElseThrow(() ->
                new ProbeException("/etc/shadow has no entry for " + name + "; it was not locked"));
        boolean wasLocked = before.hash().startsWith("!");
        run("lock " + name, "usermod", "-L", "-e", Long.toString(EXPIRED), name);
        return new LockedAccount(name, account.id(), wasLocked, before.expireDays(), endSessions(name));
    }

    @Override
    public void unlock(LockedAccount locked) throws ProbeException {
        List<String> command = new ArrayList<>(List.of("usermod"));
        if (!locked.wasDisabled()) {
            command.add("-U");
        }
        command.add("-e");
        // An empty date removes the expiry (shadow-utils' documented form).
        command.add(locked.previousExpiryDays() == null ? ""
                : LocalDate.ofEpochDay(locked.previousExpiryDays()).toString());
        command.add(locked.account());
        run("unlock " + locked.account(), command.toArray(String[]::new));
    }

    /** Null when the sessions ended (or there were none), else why not. */
    private String endSessions(String name) throws ProbeException {
        CommandResult logind = commands.run("loginctl", "terminate-user", name);
        if (logind.succeeded() || logind.stderr().contains("is not logged in")) {
            return null;
        }
        // No logind (a container, a server without systemd): end the account's processes directly.
        CommandResult kill = commands.run("pkill", "-KILL", "-u", name);
        if (kill.exitCode() == 0 || kill.exitCode() == 1) { // 1: no process matched
            return null;
        }
        return "locked, but its sessions could not be ended (loginctl: " + logind.stderr().strip() + "; pkill: "
                + kill.stderr().strip() + ")";
    }

    private void run(String what, String... command) throws ProbeException {
        CommandResult result = commands.run(command);
        if (!result.succeeded()) {
            throw new ProbeException("could not " + what + ": " + result.commandLine() + " exited "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
    }
}
