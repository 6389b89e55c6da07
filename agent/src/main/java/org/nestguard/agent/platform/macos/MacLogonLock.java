package org.nestguard.agent.platform.macos;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.agent.platform.ProbeException;

/**
 * The hold's lock on macOS: {@code pwpolicy -u NAME -disableuser} (the dashed form pwpolicy(8) documents), then
 * {@code launchctl bootout user/UID} to end the account's session; unlocking runs {@code -enableuser} only for
 * accounts that were enabled before (the account probe reads that from {@code dscl}'s DisabledUser tag).
 */
public final class MacLogonLock implements LogonLock {
    private final CommandRunner commands;

    public MacLogonLock(CommandRunner commands) {
        this.commands = commands;
    }

    @Override
    public LockedAccount lock(LocalAccount account) throws ProbeException {
        if (!account.disabled()) {
            run("disable " + account.name(), "pwpolicy", "-u", account.name(), "-disableuser");
        }
        String warning = null;
        if (account.id() != null) {
            CommandResult bootout = commands.run("launchctl", "bootout", "user/" + account.id());
            // 3 (ESRCH): no session for that user; nothing to end.
            if (!bootout.succeeded() && bootout.exitCode() != 3) {
                warning = "disabled, but its session could not be ended: " + bootout.commandLine() + " exited "
                        + bootout.exitCode() + ": " + bootout.stderr().strip();
            }
        }
        return new LockedAccount(account.name(), account.id(), account.disabled(), null, warning);
    }

    @Override
    public void unlock(LockedAccount locked) throws ProbeException {
        if (!locked.wasDisabled()) {
            run("enable " + locked.account(), "pwpolicy", "-u", locked.account(), "-enableuser");
        }
    }

    private void run(String what, String... command) throws ProbeException {
        CommandResult result = commands.run(command);
        if (!result.succeeded()) {
            throw new ProbeException("could not " + what + ": " + result.commandLine() + " exited "
                    + result.exitCode() + ": "
                    + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip());
        }
    }
}
