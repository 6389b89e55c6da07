package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.LogonNoticeProbe;
import org.nestguard.agent.platform.ProbeException;

/**
 * Logon notices on Linux: the GDM greeter banner (dconf keys under org/gnome/login-screen), the console login text
 * in /etc/issue, the SSH banner in /etc/issue.net when sshd shows it, and /etc/motd, which appears only after logon.
 * LightDM and SDDM have no banner setting. With a display manager installed people log on through its greeter, so
 * /etc/issue and the SSH banner are only seen on side doors (BEFORE_SECONDARY_LOGON); without one they are the way in.
 */
public final class LinuxLogonNoticeProbe implements LogonNoticeProbe {
    private static final String LOGIN_SCREEN = "org/gnome/login-screen";
    static final String GDM_DB = "/etc/dconf/db/gdm";

    private final HostRoot root;

    public LinuxLogonNoticeProbe(HostRoot root) {
        this.root = root;
    }

    @Override
    public List<LogonNotice> notices() throws ProbeException {
        List<LogonNotice> notices = new ArrayList<>();
        DisplayManagers greeters = DisplayManagers.detect(root);
        gdmBanner().ifPresent(notices::add);
        List<String> names = distributionNames();
        LogonNotice.Stage textStage = greeters.any() ? LogonNotice.Stage.BEFORE_SECONDARY_LOGON
                : LogonNotice.Stage.BEFORE_LOGON;
        String why = greeters.any() ? " (people log on through the greeter: " + greeters.describe() + ")"
                : " (no display manager installed: " + "this is how people log on)";
        textFile("/etc/issue", "console login", names, textStage, why).ifPresent(notices::add);
        Optional<String> sshBanner = sshBanner();
        if (sshBanner.isPresent()) {
            textFile(sshBanner.get(), "SSH login (sshd_config Banner)", names, textStage, why).ifPresent(notices::add);
        }
        textFile("/etc/motd", "after logon (motd)", names, LogonNotice.Stage.AFTER_LOGON, "").ifPresent(notices::add);
        return notices;
    }

    /**
     * GDM reads its dconf profile: /etc/dconf/db/gdm.d keyfiles (compiled by {@code dconf update}) over the Debian
     * defaults file /etc/gdm3/greeter.dconf-defaults. Later files win, as dconf compiles them in name order.
     */
    private Optional<LogonNotice> gdmBanner() throws ProbeException {
        KeyFileStack files = new KeyFileStack();
        files.addFile(root, "/etc/gdm3/greeter.dconf-defaults");
        Optional<FileTime> newestKeyFile = Optional.empty();
        try {
            for (Path file : KeyFileStack.sortedFiles(root.resolve("/etc/dconf/db/gdm.d"), "")) {
                files.addFile(root, "/etc/dconf/db/gdm.d/" + file.getFileName());
                FileTime modified = Files.getLastModifiedTime(file);
                newestKeyFile = newestKeyFile.filter(t -> t.compareTo(modified) >= 0).or(() -> Optional.of(modified));
            }
        } catch (IOException e) {
            throw new ProbeException("could not list /etc/dconf/db/gdm.d: " + e.getMessage(), e);
        }
        Optional<Boolean> enabled = files.get(LOGIN_SCREEN, "banner-message-enable").flatMap(GVariantText::parseBoolean);
        Optional<String> raw = files.get(LOGIN_SCREEN, "banner-message-text");
        if (enabled.isEmpty() || !enabled.get() || raw.isEmpty()) {
            return Optional.empty();
        }
        String text = GVariantText.parseString(raw.get()).orElse(raw.get()); // unquoted text is shown as written
        if (text.isBlank()) {
            return Optional.empty();
        }
        String source = String.join(" + ", files.sources()) + " [" + LOGIN_SCREEN + "] banner-message-enable=true";
        if (newestKeyFile.isEmpty()) {
            return Optional.of(new LogonNotice(null, text, "GDM greeter", LogonNotice.Stage.BEFORE_LOGON, source));
        }
        // gdm.d keyfiles reach the greeter only once 'dconf update' has compiled them into /etc/dconf/db/gdm
        Path compiled = root.resolve(GDM_DB);
        FileTime compiledAt;
        try {
            compiledAt = Files.isRegularFile(compiled) ? Files.getLastModifiedTime(compiled) : null;
        } catch (IOException e) {
            compiledAt = null;
        }
        if (compiledAt != null && compiledAt.compareTo(newestKeyFile.get()) >= 0) {
            return Optional.of(new LogonNotice(null, text, "GDM greeter", LogonNotice.Stage.BEFORE_LOGON,
                    source + "; compiled into " + GDM_DB + " at " + compiledAt));
        }
        String reason = compiledAt == null ? GDM_DB + " does not exist" : GDM_DB + " (" + compiledAt
                + ") is older than the newest gdm.d keyfile (" + newestKeyFile.get() + ")";
        return Optional.of(new LogonNotice(null, text, "GDM greeter, not compiled: run dconf update",
                LogonNotice.Stage.BEFORE_SECONDARY_LOGON, source + "; " + reason
                + ", so the greeter may not show this text until 'dconf update' is run"));
    }

    private Optional<LogonNotice> textFile(String path, String where, List<String> names, LogonNotice.Stage stage,
                                           String why) throws ProbeException {
        Optional<String> text = root.readIfExists(path);
        if (text.isEmpty() || IssueText.isStock(text.get(), names)) {
            return Optional.empty();
        }
        return Optional.of(new LogonNotice(null, IssueText.withoutEscapes(text.get()), where, stage, path + why));
    }

    /** The file sshd shows before authentication, from its Banner keyword; empty when none (OpenSSH's default). */
    private Optional<String> sshBanner() throws ProbeException {
        List<String> configs = new ArrayList<>();
        try {
            // Debian's sshd_config includes sshd_config.d/*.conf first; the first value of a keyword wins in sshd.
            for (Path file : KeyFileStack.sortedFiles(root.resolve("/etc/ssh/sshd_config.d"), ".conf")) {
                configs.add("/etc/ssh/sshd_config.d/" + file.getFileName());
            }
        } catch (IOException e) {
            throw new ProbeException("could not list /etc/ssh/sshd_config.d: " + e.getMessage(), e);
        }
        configs.add("/etc/ssh/sshd_config");
        for (String config : configs) {
            for (String line : root.readIfExists(config).orElse("").lines().map(String::strip).toList()) {
                String[] words = line.split("\\s+", 2);
                if (words.length == 2 && words[0].equalsIgnoreCase("Banner")) {
                    return words[1].equalsIgnoreCase("none") ? Optional.empty() : Optional.of(words[1].strip());
                }
            }
        }
        return Optional.empty();
    }

    private List<String> distributionNames() throws ProbeException {
        ShellAssignments release = ShellAssignments.parse(root.readIfExists("/etc/os-release")
                .or(() -> readQuietly("/usr/lib/os-release")).orElse(""));
        List<String> names = new ArrayList<>();
        release.get("NAME").ifPresent(names::add);
        release.get("PRETTY_NAME").ifPresent(names::add);
        release.get("ID").ifPresent(names::add);
        return names;
    }

    private Optional<String> readQuietly(String path) {
        try {
            return root.readIfExists(path);
        } catch (ProbeException e) {
            return Optional.empty();
        }
    }
}
