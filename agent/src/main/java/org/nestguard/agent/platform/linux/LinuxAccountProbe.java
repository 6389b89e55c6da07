package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;

/** Linux accounts from /etc/passwd, /etc/shadow, /etc/group and /var/log/lastlog; logon settings from the display managers. */
public final class LinuxAccountProbe implements AccountProbe {
    static final Set<String> ADMIN_GROUPS = Set.of("sudo", "wheel", "admin");
    /** LightDM runs guest-account-script (default "guest-account" on PATH) to make the guest; Ubuntu ships it. */
    static final List<String> GUEST_ACCOUNT_SCRIPTS = List.of("/usr/sbin/guest-account", "/usr/bin/guest-account",
            "/usr/share/lightdm/guest-account");

    private final HostRoot root;
    private final Clock clock;

    public LinuxAccountProbe(HostRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    @Override
    public List<LocalAccount> accounts() throws ProbeException {
        LocalUsers users = new LocalUsers(root);
        PasswdFile passwd = users.passwd();
        int uidMin = users.uidMin();
        GroupFile groups = GroupFile.parse(root.readIfExists("/etc/group").orElse(""));
        Optional<ShadowFile> shadow;
        String shadowNote;
        try {
            shadow = root.readIfExists("/etc/shadow").map(ShadowFile::parse);
            shadowNote = shadow.isPresent() ? "/etc/shadow" : "/etc/shadow missing: password state unknown";
        } catch (ProbeException e) {
            shadow = Optional.empty();
            shadowNote = "/etc/shadow not readable (" + e.getMessage() + "): password state unknown";
        }
        SudoersPolicy sudoers = SudoersPolicy.read(root);
        Path lastlog = root.resolve("/var/log/lastlog");
        boolean hasLastlog = Files.isRegularFile(lastlog);

        List<LocalAccount> accounts = new ArrayList<>();
        for (PasswdFile.Entry user : passwd.entries()) {
            Set<String> memberOf = groups.groupsOf(user.name(), user.gid());
            boolean adminGroup = user.uid() == 0 || memberOf.stream().anyMatch(ADMIN_GROUPS::contains);
            Optional<String> sudoRule = adminGroup ? Optional.empty() : sudoers.rootRuleFor(user.name(), user.uid(),
                    memberOf, groups.gidsOf(user.name(), user.gid()));
            // no rule found in a policy we could only partly read is not "no admin rights"
            Boolean admin = adminGroup || sudoRule.isPresent() ? Boolean.TRUE
                    : sudoers.unreadable().isEmpty() ? Boolean.FALSE : null;
            List<String> notes = new ArrayList<>();
            notes.add("/etc/passwd uid " + user.uid() + " shell " + (user.shell().isEmpty() ? "(empty = /bin/sh)" : user.shell()));

            PasswordState password = PasswordState.UNKNOWN;
            Instant lastSet = null;
            boolean expired = false;
            String hash = user.password();
            Optional<ShadowFile.Entry> shadowEntry = shadow.flatMap(s -> s.byName(user.name()));
            if (hash.equals("x") && shadowEntry.isPresent()) {
                ShadowFile.Entry entry = shadowEntry.get();
                password = passwordState(entry.hash());
                notes.add("/etc/shadow password " + describe(entry.hash()));
                if (entry.lastChangeDays() == null) {
                    notes.add("last change empty (password aging off)");
                } else if (entry.lastChangeDays() == 0) {
                    lastSet = Instant.EPOCH; // 0 forces a change at next logon: the password is as good as never set
                    notes.add("last change 0: must change password at next logon");
                } else {
                    lastSet = LocalDate.ofEpochDay(entry.lastChangeDays()).atStartOfDay().toInstant(ZoneOffset.UTC);
                    notes.add("last change day " + entry.lastChangeDays());
                }
                if (entry.expireDays() != null && entry.expireDays() <= LocalDate.now(clock).toEpochDay()) {
                    expired = true;
                    notes.add("account expired on day " + entry.expireDays());
                }
            } else if (!hash.equals("x")) {
                password = passwordState(hash); // hash kept in /etc/passwd itself (no shadow)
                notes.add("/etc/passwd password field " + describe(hash));
            } else {
                notes.add(shadowNote);
            }

            Instant lastLogon = null;
            if (hasLastlog) {
                try {
                    lastLogon = new LastlogFile(lastlog).lastLogon(user.uid()).orElse(null);
                } catch (IOException e) {
                    notes.add("/var/log/lastlog not readable: " + e.getMessage());
                }
            }
            notes.add(hasLastlog ? "/var/log/lastlog" : "no /var/log/lastlog (last logon unknown)");
            if (adminGroup) {
                notes.add(user.uid() == 0 ? "uid 0" : "admin via group " + memberOf.stream().filter(ADMIN_GROUPS::contains).sorted().toList());
            } else if (sudoRule.isPresent()) {
                notes.add("admin via sudoers rule " + sudoRule.get());
            } else if (admin == null) {
                notes.add("admin rights unknown: " + String.join("; ", sudoers.unreadable()));
            } else {
                notes.add("no admin group and no sudoers rule" + (sudoers.files().isEmpty() ? " (no /etc/sudoers)"
                        : " in " + sudoers.files()));
            }
            // A locked password only stops password logons (SSH keys still work), so it is not "disabled"; an expired
            // account or a nologin/false shell stops every logon.
            boolean disabled = expired || !user.hasLoginShell();
            if (!user.hasLoginShell()) {
                notes.add("shell " + user.shell() + " refuses logons");
            }
            accounts.add(new LocalAccount(user.name(), Integer.toString(user.uid()), LocalUsers.isPerson(user, uidMin), disabled,
                    password, lastSet, lastLogon, memberOf, admin, String.join("; ", notes)));
        }
        return accounts;
    }

    /** shadow(5) and osquery's reading: empty = no password; leading ! or * (incl. "!!", "!$6$...") = locked. */
    static PasswordState passwordState(String hash) {
        if (hash.isEmpty()) {
            return PasswordState.EMPTY;
        }
        if (hash.startsWith("!") || hash.startsWith("*")) {
            return PasswordState.LOCKED;
        }
        // a real crypt hash is long; anything of one or two characters can never match a password
        return hash.length() < 3 ? PasswordState.LOCKED : PasswordState.SET;
    }

    private static String describe(String hash) {
        if (hash.isEmpty()) {
            return "empty";
        }
        if (hash.startsWith("!") || hash.startsWith("*")) {
            return "locked (" + (hash.length() > 2 ? hash.substring(0, 2) + "..." : hash) + ")";
        }
        int dollar = hash.indexOf('$', 1);
        return hash.startsWith("$") && dollar > 0 ? "set (" + hash.substring(0, dollar + 1) + " hash)" : "set";
    }

    @Override
    public LogonSettings logonSettings() throws ProbeException {
        List<String> sources = new ArrayList<>();
        Boolean guest = false;
        Boolean auto = false;
        String autoUser = null;

        // GDM: custom.conf (Debian/Ubuntu gdm3) or daemon.conf; [daemon] AutomaticLogin* and TimedLogin*.
        for (String path : List.of("/etc/gdm3/custom.conf", "/etc/gdm3/daemon.conf", "/etc/gdm/custom.conf")) {
            Optional<String> text = root.readIfExists(path);
            if (text.isEmpty()) {
                continue;
            }
            KeyFile conf = KeyFile.parse(text.get());
            sources.add(path);
            for (String kind : List.of("AutomaticLogin", "TimedLogin")) {
                if (conf.getBoolean("daemon", kind + "Enable").orElse(false)) {
                    String user = conf.get("daemon", kind).orElse("");
                    if (!user.isBlank()) {
                        auto = true;
                        autoUser = user;
                        sources.add(path + " [daemon] " + kind + "Enable=true " + kind + "=" + user);
                    }
                }
            }
        }

        // LightDM: later files override earlier ones, as lightdm itself reads them.
        KeyFileStack lightdm = new KeyFileStack();
        lightdm.addDirectory(root, "/usr/share/lightdm/lightdm.conf.d");
        lightdm.addDirectory(root, "/etc/lightdm/lightdm.conf.d");
        lightdm.addFile(root, "/etc/lightdm/lightdm.conf");
        if (!lightdm.sources().isEmpty()) {
            sources.addAll(lightdm.sources());
            for (String seat : List.of("SeatDefaults", "Seat:*")) {
                Optional<String> user = lightdm.get(seat, "autologin-user");
                if (user.isPresent() && !user.get().isBlank()) {
                    auto = true;
                    autoUser = user.get();
                    sources.add("LightDM [" + seat + "] autologin-user=" + user.get());
                }
                if (lightdm.get(seat, "allow-guest").flatMap(KeyFile::parseBoolean).orElse(false)) {
                    guest = true;
                    sources.add("LightDM [" + seat + "] allow-guest=true");
                }
            }
        }

        // LightDM offers a guest session unless allow-guest=false, but only where its guest-account script is installed
        DisplayManagers greeters = DisplayManagers.detect(root);
        if (greeters.has("LightDM") && lightdm.get("Seat:*", "allow-guest").or(() -> lightdm.get("SeatDefaults",
                "allow-guest")).isEmpty()) {
            String version = root.readIfExists("/var/lib/dpkg/status").map(DpkgStatus::parse)
                    .flatMap(d -> d.get("lightdm")).map(p -> "LightDM " + p.version()).orElse("LightDM (version not read)");
            Optional<String> script = GUEST_ACCOUNT_SCRIPTS.stream().filter(root::exists).findFirst();
            if (script.isPresent()) {
                guest = true;
                sources.add(version + ": allow-guest not set, so it defaults to true, and " + script.get() + " exists");
            } else {
                sources.add(version + ": allow-guest not set (defaults to true), but no guest-account script ("
                        + String.join(", ", GUEST_ACCOUNT_SCRIPTS) + "), so no guest session can start");
            }
        }

        // A console that logs on by itself: a getty drop-in with --autologin.
        List<String> dropIns = new ArrayList<>();
        List<String> dropInPaths = new ArrayList<>();
        for (String dir : List.of("/etc/systemd/system/getty@.service.d", "/etc/systemd/system/getty@tty1.service.d")) {
            try {
                for (Path file : KeyFileStack.sortedFiles(root.resolve(dir), ".conf")) {
                    dropIns.add(root.read(dir + "/" + file.getFileName()));
                    dropInPaths.add(dir + "/" + file.getFileName());
                }
            } catch (IOException e) {
                throw new ProbeException("could not list " + dir + ": " + e.getMessage(), e);
            }
        }
        Optional<String> gettyUser = GettyAutologin.user(dropIns);
        if (gettyUser.isPresent()) {
            auto = true;
            autoUser = gettyUser.get();
            sources.add(String.join(" + ", dropInPaths) + " ExecStart=... --autologin " + gettyUser.get());
        } else if (!dropInPaths.isEmpty()) {
            sources.add(String.join(" + ", dropInPaths) + " (no --autologin)");
        }

        // SDDM: [Autologin] User= in sddm.conf or sddm.conf.d.
        KeyFileStack sddm = new KeyFileStack();
        sddm.addDirectory(root, "/usr/lib/sddm/sddm.conf.d");
        sddm.addDirectory(root, "/etc/sddm.conf.d");
        sddm.addFile(root, "/etc/sddm.conf");
        if (!sddm.sources().isEmpty()) {
            sources.addAll(sddm.sources());
            Optional<String> user = sddm.get("Autologin", "User");
            if (user.isPresent() && !user.get().isBlank()) {
                auto = true;
                autoUser = user.get();
                sources.add("SDDM [Autologin] User=" + user.get());
            }
        }

        // A "guest" account anyone can log on to without a password is a guest logon too.
        for (LocalAccount account : accounts()) {
            if (account.name().equals("guest") && account.interactive() && account.password() == PasswordState.EMPTY) {
                guest = true;
                sources.add("account guest with an empty password");
            }
        }
        if (!greeters.others().isEmpty()) {
            // their guest and automatic logon settings are not read: what was not found is unknown, not off
            sources.add("display manager not read: " + String.join(", ", greeters.others().keySet()) + " ("
                    + greeters.describe() + ")");
            guest = guest ? Boolean.TRUE : null;
            auto = auto ? Boolean.TRUE : null;
        }
        if (sources.isEmpty()) {
            sources.add("no GDM, LightDM or SDDM configuration found; /etc/passwd has no password-less guest");
        }
        return new LogonSettings(guest, auto, autoUser, String.join("; ", sources));
    }
}
