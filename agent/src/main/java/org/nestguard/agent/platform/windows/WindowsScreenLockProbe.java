package org.nestguard.agent.platform.windows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockProbe;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * Automatic lock for every person's profile. Two timers lock a Windows session: the machine inactivity limit
 * (InactivityTimeoutSecs, for everyone) and the user's secure screen saver (policy values override the user's own,
 * {@link PolicyOverride}). The effective idle time is the shorter of the two that are active. A logged-off user's
 * hive is loaded from NTUSER.DAT for the read.
 * <p>
 * idleBeforeLock is null only when it is known that neither timer is active (lockEnabled false). A secure screen
 * saver whose timeout is missing or not a number is unreadable, not "never": which default Windows would apply is
 * not documented well enough to rely on.
 * <p>
 * passwordOnWake: both timers lock the session, so ending either needs sign-in; but the power plan can put the
 * device to sleep first, and the sleep timer is not read, so waking also has to require sign-in
 * ({@link WakeSignIn}, CONSOLELOCK) for passwordOnWake to be true.
 */
public final class WindowsScreenLockProbe implements ScreenLockProbe {
    static final String MACHINE_POLICY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";
    static final String WINLOGON = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    static final String USER_DESKTOP = "Control Panel\\Desktop";
    static final String USER_POLICY_DESKTOP = "Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop";
    private static final String ENVIRONMENT = "Windows";
    private static final String MACHINE_ENVIRONMENT = "Windows machine policy";

    private final RegistryReader registry;
    private final CommandRunner runner;

    public WindowsScreenLockProbe(RegistryReader registry, CommandRunner runner) {
        this.registry = registry;
        this.runner = runner;
    }

    /** The machine-wide values every user shares. */
    private record Machine(long limit, String limitSource, long grace, WakeSignIn wake) {
    }

    @Override
    public List<ScreenLockSetting> users() throws ProbeException {
        Optional<Long> machineSeconds = registry.number(Hive.HKEY_LOCAL_MACHINE, MACHINE_POLICY,
                "InactivityTimeoutSecs");
        Machine machine = new Machine(machineSeconds.orElse(0L), Hive.HKEY_LOCAL_MACHINE.path(MACHINE_POLICY)
                + " InactivityTimeoutSecs=" + machineSeconds.map(String::valueOf).orElse("(not set)"),
                registry.number(Hive.HKEY_LOCAL_MACHINE, WINLOGON, "ScreenSaverGracePeriod").orElse(0L),
                WakeSignIn.read(registry, runner));

        List<ScreenLockSetting> settings = new ArrayList<>();
        for (UserProfile profile : UserProfile.list(registry)) {
            try {
                settings.add(profile.withHive(registry, root -> userSetting(profile, root, machine)));
            } catch (ProbeException e) {
                settings.add(machine.limit() > 0
                        // The machine limit locks every session, so it is the longest this user can stay unlocked.
                        ? new ScreenLockSetting(profile.user(), MACHINE_ENVIRONMENT, true,
                                Duration.ofSeconds(machine.limit()), machine.wake().required(), machine.limitSource()
                                + " (user values not readable, machine policy applies: " + e.getMessage() + "); "
                                + machine.wake().source(), null)
                        : ScreenLockSetting.unreadable(profile.user(), ENVIRONMENT, profile.describe(),
                                e.getMessage() + "; no machine inactivity limit is set"));
            }
        }
        return settings;
    }

    private ScreenLockSetting userSetting(UserProfile profile, String root, Machine machine) throws ProbeException {
        String userKey = root + "\\" + USER_DESKTOP;
        String policyKey = root + "\\" + USER_POLICY_DESKTOP;
        Optional<String> active = effective(policyKey, userKey, "ScreenSaveActive");
        Optional<String> secure = effective(policyKey, userKey, "ScreenSaverIsSecure");
        Optional<String> timeout = effective(policyKey, userKey, "ScreenSaveTimeOut");
        Optional<String> program = effective(policyKey, userKey, "SCRNSAVE.EXE");

        // ScreenSaveActive is "1" on a fresh profile even though no screen saver is chosen; without SCRNSAVE.EXE
        // nothing ever starts, so it does not lock.
        boolean saverRuns = active.map(v -> v.trim().equals("1")).orElse(false)
                && program.map(v -> !v.isBlank()).orElse(false);
        boolean saverLocks = saverRuns && secure.map(v -> v.trim().equals("1")).orElse(false);
        Long saverSeconds = timeout.map(String::trim).filter(v -> v.matches("\\d{1,9}")).map(Long::parseLong)
                .filter(v -> v > 0).orElse(null);

        String source = machine.limitSource() + "; " + Hive.HKEY_USERS.path(userKey) + " / "
                + Hive.HKEY_USERS.path(policyKey) + " ScreenSaveActive=" + active.orElse("(not set)")
                + " SCRNSAVE.EXE=" + program.orElse("(not set)") + " ScreenSaverIsSecure="
                + secure.orElse("(not set)") + " ScreenSaveTimeOut=" + timeout.orElse("(not set)")
                + (machine.grace() > 0 ? "; Winlogon ScreenSaverGracePeriod=" + machine.grace() : "")
                + "; " + machine.wake().source();
        if (saverLocks && saverSeconds == null) {
            return ScreenLockSetting.unreadable(profile.user(), ENVIRONMENT, source, "a secure screen saver is set "
                    + "but ScreenSaveTimeOut is " + timeout.map(t -> "\"" + t + "\", not a number of seconds")
                            .orElse("not set") + ", so when it starts is not known"
                    + (machine.limit() > 0 ? " (the machine inactivity limit locks after " + machine.limit()
                            + " s at the latest)" : "") + "; set the screen saver timeout for this user");
        }

        Duration idle = null;
        if (machine.limit() > 0) {
            idle = Duration.ofSeconds(machine.limit());
        }
        if (saverLocks) {
            Duration saver = Duration.ofSeconds(saverSeconds + machine.grace());
            idle = idle == null || saver.compareTo(idle) < 0 ? saver : idle;
        }
        boolean locks = idle != null;
        // Ending the lock needs sign-in; waking from sleep needs it only when CONSOLELOCK says so.
        Boolean passwordOnWake = locks ? machine.wake().required() : Boolean.FALSE;
        return new ScreenLockSetting(profile.user(), ENVIRONMENT, locks, idle, passwordOnWake, source, null);
    }

    private Optional<String> effective(String policyKey, String userKey, String value) throws ProbeException {
        return PolicyOverride.effective(policyKey, userKey, key -> registry.string(Hive.HKEY_USERS, key, value))
                .map(PolicyOverride.Effective::value);
    }
}
