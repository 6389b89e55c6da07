package org.nestguard.agent.platform.windows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockProbe;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * Automatic lock for every user profile. Two timers lock a Windows session: the machine inactivity limit
 * (InactivityTimeoutSecs, for everyone) and the user's secure screen saver (policy values override the user's own).
 * The effective idle time is the shorter of the two that are active. Power-plan sleep with CONSOLELOCK is not read.
 */
public final class WindowsScreenLockProbe implements ScreenLockProbe {
    static final String MACHINE_POLICY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";
    static final String WINLOGON = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    static final String USER_DESKTOP = "Control Panel\\Desktop";
    static final String USER_POLICY_DESKTOP = "Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop";
    private static final String ENVIRONMENT = "Windows";
    private static final String MACHINE_ENVIRONMENT = "Windows machine policy";

    private final RegistryReader registry;

    public WindowsScreenLockProbe(RegistryReader registry) {
        this.registry = registry;
    }

    @Override
    public List<ScreenLockSetting> users() throws ProbeException {
        Optional<Long> machineSeconds = registry.number(Hive.HKEY_LOCAL_MACHINE, MACHINE_POLICY,
                "InactivityTimeoutSecs");
        long machine = machineSeconds.orElse(0L);
        String machineSource = Hive.HKEY_LOCAL_MACHINE.path(MACHINE_POLICY) + " InactivityTimeoutSecs="
                + machineSeconds.map(String::valueOf).orElse("(not set)");
        long grace = registry.number(Hive.HKEY_LOCAL_MACHINE, WINLOGON, "ScreenSaverGracePeriod").orElse(0L);

        List<ScreenLockSetting> settings = new ArrayList<>();
        for (UserProfile profile : UserProfile.list(registry)) {
            if (!profile.hiveLoaded()) {
                settings.add(machine > 0
                        ? new ScreenLockSetting(profile.user(), MACHINE_ENVIRONMENT, true, Duration.ofSeconds(machine),
                                true, machineSource + " (user hive not loaded; machine policy applies)", null)
                        : ScreenLockSetting.unreadable(profile.user(), ENVIRONMENT, "HKU\\" + profile.sid(),
                                "the user is not logged on, so their registry hive (NTUSER.DAT) is not loaded and "
                                        + "the agent cannot read it; no machine inactivity limit is set"));
                continue;
            }
            try {
                settings.add(userSetting(profile, machine, machineSource, grace));
            } catch (ProbeException e) {
                settings.add(ScreenLockSetting.unreadable(profile.user(), ENVIRONMENT, "HKU\\" + profile.sid(),
                        e.getMessage()));
            }
        }
        return settings;
    }

    private ScreenLockSetting userSetting(UserProfile profile, long machine, String machineSource, long grace)
            throws ProbeException {
        String userKey = profile.sid() + "\\" + USER_DESKTOP;
        String policyKey = profile.sid() + "\\" + USER_POLICY_DESKTOP;
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

        String source = machineSource + "; HKU\\" + userKey + " / HKU\\" + policyKey + " ScreenSaveActive="
                + active.orElse("(not set)") + " SCRNSAVE.EXE=" + program.orElse("(not set)") + " ScreenSaverIsSecure="
                + secure.orElse("(not set)") + " ScreenSaveTimeOut=" + timeout.orElse("(not set)")
                + (grace > 0 ? "; Winlogon ScreenSaverGracePeriod=" + grace : "");
        if (saverLocks && saverSeconds == null && timeout.isPresent()) {
            source += " (ScreenSaveTimeOut not a number of seconds)";
        }

        Duration idle = null;
        if (machine > 0) {
            idle = Duration.ofSeconds(machine);
        }
        if (saverLocks && saverSeconds != null) {
            Duration saver = Duration.ofSeconds(saverSeconds + grace);
            idle = idle == null || saver.compareTo(idle) < 0 ? saver : idle;
        }
        boolean locks = machine > 0 || saverLocks;
        // Both timers lock the session, so waking needs the password exactly when one of them is active.
        Boolean passwordOnWake = locks;
        return new ScreenLockSetting(profile.user(), ENVIRONMENT, locks, idle, passwordOnWake, source, null);
    }

    /** The Group Policy copy of a value wins over the user's own choice. */
    private Optional<String> effective(String policyKey, String userKey, String value) throws ProbeException {
        Optional<String> policy = registry.string(Hive.HKEY_USERS, policyKey, value);
        return policy.isPresent() ? policy : registry.string(Hive.HKEY_USERS, userKey, value);
    }
}
