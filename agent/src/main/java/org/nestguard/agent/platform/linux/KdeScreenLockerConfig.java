package org.nestguard.agent.platform.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KDE's {@code kscreenlockerrc} [Daemon] group with the defaults of KDE/kscreenlocker kscreenlockersettings.kcfg:
 * Autolock=true, Timeout=5 (minutes), LockGrace=5 (seconds; some versions write LockGracePeriod), LockOnResume=true.
 *
 * @param problems values present but not understood (the default was then used and the value is reported here)
 */
public record KdeScreenLockerConfig(boolean autolock, long timeoutMinutes, long graceSeconds, boolean lockOnResume,
                                    List<String> problems) {

    public KdeScreenLockerConfig {
        problems = List.copyOf(problems);
    }

    /** Reads the settings: the system file /etc/xdg/kscreenlockerrc first, then the user's file overriding it. */
    public static KdeScreenLockerConfig from(KeyFileStack files) {
        List<String> problems = new ArrayList<>();
        boolean autolock = bool(files, "Autolock", true, problems);
        long timeout = number(files, "Timeout", 5, problems);
        long grace = files.get("Daemon", "LockGrace").isPresent() ? number(files, "LockGrace", 5, problems)
                : number(files, "LockGracePeriod", 5, problems);
        boolean onResume = bool(files, "LockOnResume", true, problems);
        return new KdeScreenLockerConfig(autolock, timeout, grace, onResume, problems);
    }

    /** Idle time until locked: Timeout plus the grace period; empty when autolock is off or the timeout is 0. */
    public Optional<Duration> idleBeforeLock() {
        return autolock && timeoutMinutes > 0
                ? Optional.of(Duration.ofMinutes(timeoutMinutes).plusSeconds(graceSeconds)) : Optional.empty();
    }

    private static boolean bool(KeyFileStack files, String key, boolean fallback, List<String> problems) {
        Optional<String> raw = files.get("Daemon", key);
        if (raw.isEmpty()) {
            return fallback;
        }
        Optional<Boolean> value = KeyFile.parseBoolean(raw.get());
        if (value.isEmpty()) {
            problems.add(key + "=" + raw.get() + " is not a boolean");
        }
        return value.orElse(fallback);
    }

    private static long number(KeyFileStack files, String key, long fallback, List<String> problems) {
        Optional<String> raw = files.get("Daemon", key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            problems.add(key + "=" + raw.get() + " is not a number");
            return fallback;
        }
    }
}
