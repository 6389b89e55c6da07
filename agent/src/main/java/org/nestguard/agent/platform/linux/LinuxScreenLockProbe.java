package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockProbe;
import org.nestguard.agent.platform.ScreenLockSetting;

/**
 * Each desktop user's automatic screen lock: GNOME through {@code gsettings} run as that user (which resolves the
 * user's dconf database, /etc/dconf locks and schema defaults), KDE from {@code kscreenlockerrc}.
 */
public final class LinuxScreenLockProbe implements ScreenLockProbe {
    static final String NO_DESKTOP = "no GNOME or KDE settings found for this user";
    private static final List<String> GNOME_MARKERS = List.of("/usr/bin/gnome-shell", "/usr/bin/gnome-session");
    private static final List<String> KDE_MARKERS = List.of("/usr/bin/plasmashell", "/usr/bin/startplasma-x11",
            "/usr/bin/startplasma-wayland", "/etc/xdg/kscreenlockerrc");
    /** The GNOME keys read, as schema and key. */
    private static final List<String[]> GNOME_KEYS = List.of(
            new String[] {"org.gnome.desktop.screensaver", "lock-enabled"},
            new String[] {"org.gnome.desktop.session", "idle-delay"},
            new String[] {"org.gnome.desktop.screensaver", "lock-delay"},
            new String[] {"org.gnome.desktop.lockdown", "disable-lock-screen"});

    private final HostRoot root;
    private final CommandRunner runner;
    private final boolean liveSystem;

    public LinuxScreenLockProbe(HostRoot root, CommandRunner runner) {
        this(root, runner, root.isLive());
    }

    /** @param liveSystem whether commands describe the inspected system (tests pair a fake tree with fake commands) */
    LinuxScreenLockProbe(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.runner = runner;
        this.liveSystem = liveSystem;
    }

    @Override
    public List<ScreenLockSetting> users() throws ProbeException {
        boolean gnome = GNOME_MARKERS.stream().anyMatch(root::exists);
        List<ScreenLockSetting> settings = new ArrayList<>();
        for (PasswdFile.Entry user : new LocalUsers(root).desktopUsers()) {
            String kdeUserFile = user.home() + "/.config/kscreenlockerrc";
            boolean kde = Files.exists(root.resolve(kdeUserFile), LinkOption.NOFOLLOW_LINKS)
                    || KDE_MARKERS.stream().anyMatch(root::exists);
            if (gnome) {
                settings.add(liveSystem ? gnomeLive(user) : gnomeOffline(user));
            }
            if (kde) {
                try {
                    settings.add(kde(user, kdeUserFile));
                } catch (ProbeException e) {
                    // the user's own file refused (a link, a pipe, too large): this user's setting is unknown
                    settings.add(ScreenLockSetting.unreadable(user.name(), "KDE", kdeUserFile, e.getMessage()));
                }
            }
            if (!gnome && !kde) {
                settings.add(ScreenLockSetting.unreadable(user.name(), "none", "looked for " + String.join(", ",
                        GNOME_MARKERS) + ", " + kdeUserFile + ", " + String.join(", ", KDE_MARKERS), NO_DESKTOP));
            }
        }
        return settings;
    }

    private ScreenLockSetting gnomeLive(PasswdFile.Entry user) {
        String bus = "/run/user/" + user.uid() + "/bus";
        boolean session = root.exists(bus);
        List<String> prefix = new ArrayList<>(List.of("runuser", "-u", user.name(), "--", "env", "HOME=" + user.home()));
        if (session) {
            prefix.add("DBUS_SESSION_BUS_ADDRESS=unix:path=" + bus);
            prefix.add("XDG_RUNTIME_DIR=/run/user/" + user.uid());
        }
        String context = session ? "in the user's session (bus " + bus + ")"
                : "without a session: gsettings reads the user's dconf database file directly";
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] key : GNOME_KEYS) {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of("gsettings", "get", key[0], key[1]));
            try {
                CommandResult result = runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
                if (!result.succeeded()) {
                    return ScreenLockSetting.unreadable(user.name(), "GNOME", result.commandLine(),
                            "gsettings failed (exit " + result.exitCode() + "): " + result.stderr().strip());
                }
                values.put(key[1], result.stdout().strip());
            } catch (ProbeException e) {
                return ScreenLockSetting.unreadable(user.name(), "GNOME", String.join(" ", command), e.getMessage());
            }
        }
        return gnomeSetting(user.name(), values, "gsettings get as " + user.name() + " " + context);
    }

    /** Turns the four gsettings values into a setting; any value not understood makes the whole setting unreadable. */
    static ScreenLockSetting gnomeSetting(String user, Map<String, String> values, String source) {
        Optional<Boolean> lockEnabled = GVariantText.parseBoolean(values.getOrDefault("lock-enabled", ""));
        Optional<Long> idleDelay = GVariantText.parseNumber(values.getOrDefault("idle-delay", ""));
        Optional<Long> lockDelay = GVariantText.parseNumber(values.getOrDefault("lock-delay", ""));
        // disable-lock-screen is a lockdown key that may be absent from old schemas; absent means not disabled
        String disableRaw = values.getOrDefault("disable-lock-screen", "false");
        Optional<Boolean> disabled = GVariantText.parseBoolean(disableRaw);
        String evidence = source + ": " + values;
        if (lockEnabled.isEmpty() || idleDelay.isEmpty() || lockDelay.isEmpty() || disabled.isEmpty()) {
            return ScreenLockSetting.unreadable(user, "GNOME", evidence, "could not understand gsettings output " + values);
        }
        // idle-delay 0 means the screen never blanks, so it never locks by itself either.
        boolean locks = lockEnabled.get() && !disabled.get() && idleDelay.get() > 0;
        Duration idle = locks ? Duration.ofSeconds(idleDelay.get() + lockDelay.get()) : null;
        return new ScreenLockSetting(user, "GNOME", locks, idle, lockEnabled.get() && !disabled.get(), evidence, null);
    }

    /**
     * A disk image cannot run gsettings, and the user's own values sit in a binary GVDB file. Machine values in
     * /etc/dconf/db/local.d are only certain when they are locked (the user cannot override them).
     */
    private ScreenLockSetting gnomeOffline(PasswdFile.Entry user) throws ProbeException {
        KeyFileStack machine = new KeyFileStack();
        List<String> locks = new ArrayList<>();
        try {
            for (Path file : KeyFileStack.sortedFiles(root.resolve("/etc/dconf/db/local.d"), "")) {
                machine.addFile(root, "/etc/dconf/db/local.d/" + file.getFileName());
            }
            for (Path file : KeyFileStack.sortedFiles(root.resolve("/etc/dconf/db/local.d/locks"), "")) {
                locks.addAll(root.readLines("/etc/dconf/db/local.d/locks/" + file.getFileName()).stream()
                        .map(String::strip).filter(l -> l.startsWith("/")).toList());
            }
        } catch (IOException e) {
            throw new ProbeException("could not list /etc/dconf/db/local.d: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean allLocked = true;
        for (String[] key : GNOME_KEYS) {
            String group = "org/gnome/desktop/" + key[0].substring("org.gnome.desktop.".length());
            Optional<String> value = machine.get(group, key[1]);
            value.ifPresent(v -> values.put(key[1], v));
            boolean locked = locks.contains("/" + group + "/" + key[1]);
            if (!key[1].equals("disable-lock-screen") && (!locked || value.isEmpty())) {
                allLocked = false;
            }
        }
        String source = "offline root: /etc/dconf/db/local.d keyfiles " + machine.sources() + ", locks " + locks;
        if (!allLocked) {
            return ScreenLockSetting.unreadable(user.name(), "GNOME", source, "the user's own dconf settings ("
                    + user.home() + "/.config/dconf/user) cannot be read without the running system, and the machine "
                    + "values are not locked; machine values: " + values);
        }
        return gnomeSetting(user.name(), values, source + " (all locked)");
    }

    private ScreenLockSetting kde(PasswdFile.Entry user, String userFile) throws ProbeException {
        KeyFileStack files = new KeyFileStack();
        files.addFile(root, "/etc/xdg/kscreenlockerrc");
        files.addUserFile(root, userFile);
        KdeScreenLockerConfig config = KdeScreenLockerConfig.from(files);
        String source = (files.sources().isEmpty() ? "no kscreenlockerrc" : String.join(" + ", files.sources()))
                + " [Daemon] with KDE defaults for missing keys: Autolock=" + config.autolock() + " Timeout="
                + config.timeoutMinutes() + "min LockGrace=" + config.graceSeconds() + "s LockOnResume=" + config.lockOnResume();
        if (!config.problems().isEmpty()) {
            return ScreenLockSetting.unreadable(user.name(), "KDE", source, String.join("; ", config.problems()));
        }
        Optional<Duration> idle = config.idleBeforeLock();
        return new ScreenLockSetting(user.name(), "KDE", idle.isPresent(), idle.orElse(null), config.lockOnResume(),
                source, null);
    }
}
