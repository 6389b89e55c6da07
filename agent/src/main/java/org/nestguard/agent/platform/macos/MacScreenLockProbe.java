package org.nestguard.agent.platform.macos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockProbe;
import org.nestguard.agent.platform.ScreenLockSetting;

/**
 * Each person's screen lock (the accounts {@link MacUser#isPerson()} accepts). For the user at the console it reads,
 * in that user's session ({@link UserContext}): {@code sysadminctl -screenLock status} (password required and its
 * grace delay) and {@code defaults -currentHost read com.apple.screensaver idleTime}; machine-wide {@code pmset -g custom}
 * displaysleep. Configuration-profile values in {@code /Library/Managed Preferences/USER/com.apple.screensaver.plist}
 * (or the machine-wide one) override the user's own.
 *
 * <p>idleBeforeLock = min(screen saver idleTime, displaysleep) + grace delay, where 0 means "never" for either timer
 * and the longest displaysleep over the power sources is used (the worst case). A missing idleTime key is macOS's
 * 20-minute default (the source says so). lockEnabled is false when no password is required or neither timer ever
 * fires. Users without a console session are unreadable unless a managed profile sets askForPassword, its delay and
 * idleTime; a profile that requires a password without a delay takes the user's own delay, never an assumed 0.
 */
public final class MacScreenLockProbe implements ScreenLockProbe {
    static final String ENVIRONMENT = "macOS";
    static final long DEFAULT_IDLE_SECONDS = 20 * 60;
    private static final String MANAGED = "/Library/Managed Preferences/";

    private final CommandRunner runner;
    private final MacAccountProbe accounts;
    private final PlistFileReader plists;

    public MacScreenLockProbe(CommandRunner runner, HostRoot root) {
        this.runner = runner;
        this.accounts = new MacAccountProbe(runner, root);
        this.plists = new PlistFileReader(runner, root);
    }

    @Override
    public List<ScreenLockSetting> users() throws ProbeException {
        String consoleUser = consoleUser();
        List<ScreenLockSetting> settings = new ArrayList<>();
        // The same people the account check counts, so no one is judged for passwords but skipped for screen lock.
        for (MacUser user : accounts.people()) {
            settings.add(setting(new UserContext(user.name(), user.uid()), user.name().equals(consoleUser)));
        }
        return settings;
    }

    /** The user owning /dev/console, or null at the login window ("root") or when it cannot be read. */
    private String consoleUser() {
        try {
            CommandResult stat = runner.run("stat", "-f%Su", "/dev/console");
            String user = stat.stdout().strip();
            return stat.succeeded() && !user.isEmpty() && !user.equals("root") ? user : null;
        } catch (ProbeException e) {
            return null;
        }
    }

    private ScreenLockSetting setting(UserContext user, boolean hasSession) throws ProbeException {
        Map<String, Object> managed = plists.readDictIfExists(MANAGED + user.user() + "/com.apple.screensaver.plist");
        String managedPath = MANAGED + user.user() + "/com.apple.screensaver.plist";
        if (managed == null) {
            managed = plists.readDictIfExists(MANAGED + "com.apple.screensaver.plist");
            managedPath = MANAGED + "com.apple.screensaver.plist";
        }
        List<String> sources = new ArrayList<>();

        Boolean required = null;
        Long delay = null;
        Long idle = null;
        if (managed != null) {
            required = Plist.flag(managed, "askForPassword");
            Double d = Plist.number(managed, "askForPasswordDelay");
            delay = d == null ? null : d.longValue();
            Double i = Plist.number(managed, "idleTime");
            idle = i == null ? null : i.longValue();
            sources.add(managedPath + " (askForPassword=" + required + ", askForPasswordDelay=" + delay
                    + ", idleTime=" + idle + ")");
        }

        // A profile that sets askForPassword without askForPasswordDelay leaves the user's own delay in force.
        boolean needDelay = Boolean.TRUE.equals(required) && delay == null;
        if (hasSession) {
            if (required == null || needDelay) {
                CommandResult status = runOrNull(user.command("sysadminctl", "-screenLock", "status"));
                ScreenLockStatus parsed = ScreenLockStatus.parse(status == null ? ""
                        : status.stderr() + "\n" + status.stdout());
                if (required == null) {
                    required = parsed.passwordRequired();
                }
                if (delay == null) {
                    // Only a "delay is N" answer gives a delay; "off" names none, and then it stays unknown.
                    delay = parsed.delaySeconds();
                }
                sources.add("sysadminctl -screenLock status: '" + parsed.line() + "'");
            }
            if (idle == null) {
                CommandResult read = runOrNull(user.command("defaults", "-currentHost", "read",
                        "com.apple.screensaver", "idleTime"));
                if (read != null && read.succeeded() && read.stdout().strip().matches("\\d+")) {
                    idle = Long.parseLong(read.stdout().strip());
                    sources.add("defaults -currentHost read com.apple.screensaver idleTime = " + idle);
                } else if (read != null && read.stderr().contains("does not exist")) {
                    idle = DEFAULT_IDLE_SECONDS;
                    sources.add("com.apple.screensaver idleTime not set: macOS default 1200 s");
                } else {
                    sources.add("defaults -currentHost read com.apple.screensaver idleTime unreadable");
                }
            }
        } else if (managed == null || required == null || idle == null || needDelay) {
            return ScreenLockSetting.unreadable(user.user(), ENVIRONMENT, String.join("; ", sources),
                    "no console session: macOS keeps screen-lock settings in the user's session, and no "
                            + "configuration profile sets askForPassword, askForPasswordDelay and idleTime");
        }

        Long displaySleepMinutes = displaySleepMinutes(sources);
        String environment = managed != null ? ENVIRONMENT + " (configuration profile)" : ENVIRONMENT;
        String source = String.join("; ", sources);
        if (required == null) {
            return ScreenLockSetting.unreadable(user.user(), environment, source,
                    "sysadminctl -screenLock status gave no recognisable answer in the user's session");
        }
        if (!required) {
            return new ScreenLockSetting(user.user(), environment, false, null, false, source, null);
        }
        Long blankSeconds = earliestTimer(idle, displaySleepMinutes);
        if (idle == null && displaySleepMinutes == null) {
            return new ScreenLockSetting(user.user(), environment, null, null, true, source, null);
        }
        if (blankSeconds == null) {
            return new ScreenLockSetting(user.user(), environment, false, null, true, source, null);
        }
        if (delay == null) {
            return ScreenLockSetting.unreadable(user.user(), environment, source, "a password is required, but the "
                    + "delay before it is asked for could not be read: the profile does not set askForPasswordDelay "
                    + "and sysadminctl -screenLock status named no delay");
        }
        Duration lockAfter = Duration.ofSeconds(blankSeconds + delay);
        return new ScreenLockSetting(user.user(), environment, true, lockAfter, true, source, null);
    }

    /** The earlier of the two timers in seconds; 0 is "never"; null when neither fires (or neither is known). */
    private static Long earliestTimer(Long idleSeconds, Long displaySleepMinutes) {
        Long result = null;
        if (idleSeconds != null && idleSeconds > 0) {
            result = idleSeconds;
        }
        if (displaySleepMinutes != null && displaySleepMinutes > 0) {
            long seconds = displaySleepMinutes * 60;
            result = result == null ? seconds : Math.min(result, seconds);
        }
        return result;
    }

    /** The longest displaysleep over all power sources (0 wins: never), or null when unreadable. */
    private Long displaySleepMinutes(List<String> sources) {
        CommandResult pmset = runOrNull(List.of("pmset", "-g", "custom"));
        if (pmset == null || !pmset.succeeded()) {
            sources.add("pmset -g custom unreadable");
            return null;
        }
        Map<String, Long> perSource = PmsetDisplaySleep.parse(pmset.stdout());
        if (perSource.isEmpty()) {
            sources.add("pmset -g custom: no displaysleep");
            return null;
        }
        sources.add("pmset -g custom displaysleep " + perSource);
        return perSource.containsValue(0L) ? 0L : perSource.values().stream().max(Long::compare).orElseThrow();
    }

    private CommandResult runOrNull(List<String> command) {
        try {
            return runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
        } catch (ProbeException e) {
            return null;
        }
    }
}
