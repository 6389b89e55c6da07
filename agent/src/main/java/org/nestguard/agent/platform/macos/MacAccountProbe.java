package org.nestguard.agent.platform.macos;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;

/**
 * Local accounts from the local directory node via {@code dscl}, skipping Apple's hidden {@code _} service accounts.
 *
 * <p>interactive = {@link MacUser#isPerson()}. password: LOCKED when AuthenticationAuthority has ;DisabledUser;, or
 * when the record has no AuthenticationAuthority and no Password other than "*" (root by default: no way to log on).
 * SET when it has ;ShadowHash; (a local hash exists; macOS cannot tell an empty password from the hash without trying
 * to log on, which would count as a failed attempt, so an empty password also reads SET), or when it names another way
 * to log on (Kerberosv5, LocalCachedUser for mobile accounts, NetLogon, ApplePasswordServer, basic): that password lives
 * in the directory, so its age is not known here and passwordLastSet stays null. UNKNOWN otherwise. disabled =
 * ;DisabledUser; or accountPolicyData isDisabled. passwordLastSet = accountPolicyData passwordLastSetTime (seconds
 * since 1970) for ;ShadowHash; accounts. lastLogon = {@code last -1 NAME} for people, dated by {@link LastLogin} only
 * when the year is certain (null otherwise, with the reason in the source). administrator = listed in /Groups/admin GroupMembership or in {@code id -Gn};
 * null when neither could be read.
 */
public final class MacAccountProbe implements AccountProbe {
    static final String LOGINWINDOW = "/Library/Preferences/com.apple.loginwindow";
    /** AuthenticationAuthority tags that each give the account a way to log on with a password. */
    private static final List<String> LOGON_AUTHORITIES = List.of(";ShadowHash;", ";Kerberosv5;", ";LocalCachedUser;",
            ";NetLogon;", ";ApplePasswordServer;", ";basic;");

    private final CommandRunner runner;
    private final HostRoot root;
    private final Clock clock;

    public MacAccountProbe(CommandRunner runner, HostRoot root) {
        this(runner, root, Clock.systemDefaultZone());
    }

    /** @param clock now, in the time zone {@code last} prints its dates in (the Mac's own) */
    public MacAccountProbe(CommandRunner runner, HostRoot root, Clock clock) {
        this.runner = runner;
        this.root = root;
        this.clock = clock;
    }

    /** The local users that are not hidden {@code _} accounts, with their uid. */
    Map<String, Long> users() throws ProbeException {
        CommandResult list = runner.run("dscl", ".", "-list", "/Users", "UniqueID");
        if (!list.succeeded()) {
            throw new ProbeException("'" + list.commandLine() + "' failed with exit " + list.exitCode() + ": "
                    + list.stderr().strip());
        }
        Map<String, Long> users = new java.util.LinkedHashMap<>(DsclRecord.parseUidList(list.stdout()));
        users.keySet().removeIf(name -> name.startsWith("_"));
        if (users.isEmpty()) {
            throw new ProbeException("'" + list.commandLine() + "' listed no accounts: '" + list.stdout().strip() + "'");
        }
        return users;
    }

    /** Every user the account check would count as a person, by the same rule. */
    List<MacUser> people() throws ProbeException {
        List<MacUser> people = new ArrayList<>();
        for (Map.Entry<String, Long> user : users().entrySet()) {
            // Accounts below 501 are never people; skip their dscl read.
            if (user.getValue() >= MacUser.FIRST_PERSON_UID) {
                MacUser read = read(user.getKey(), user.getValue());
                if (read.isPerson()) {
                    people.add(read);
                }
            }
        }
        return people;
    }

    /** One user's record; a failure leaves that user's facts unknown, not the whole list. */
    MacUser read(String name, long uid) {
        List<String> command = new ArrayList<>(List.of("dscl", ".", "-read", "/Users/" + name));
        command.addAll(List.of(MacUser.READ_KEYS));
        try {
            CommandResult read = runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
            // "No such key: X" goes to stderr; keep it so an absent key is told apart from an unread one.
            DsclRecord record = DsclRecord.parse(read.stdout() + "\n" + read.stderr());
            // stderr lines such as "DS Error: -14120 (eDSPermissionError)" parse as keys too, so look for ours.
            boolean answered = java.util.Arrays.stream(MacUser.READ_KEYS)
                    .anyMatch(k -> record.get(k) != null || record.missing().contains(k));
            if (!answered) {
                return new MacUser(name, uid, record, "'" + read.commandLine() + "' failed with exit "
                        + read.exitCode() + ": " + read.stderr().strip());
            }
            return new MacUser(name, uid, record, null);
        } catch (ProbeException e) {
            return new MacUser(name, uid, DsclRecord.parse(""), e.getMessage());
        }
    }

    @Override
    public List<LocalAccount> accounts() throws ProbeException {
        List<String> notes = new ArrayList<>();
        Set<String> admins = adminGroupMembers(notes);
        List<LocalAccount> accounts = new ArrayList<>();
        for (Map.Entry<String, Long> user : users().entrySet()) {
            accounts.add(account(read(user.getKey(), user.getValue()), admins, notes));
        }
        return accounts;
    }

    /**
     * GroupMembership of /Groups/admin; empty when dscl says the group has no such key; null when it could not be
     * read, so that nobody is taken for a non-administrator on the strength of a failed command.
     */
    private Set<String> adminGroupMembers(List<String> notes) {
        try {
            CommandResult group = runner.run("dscl", ".", "-read", "/Groups/admin", "GroupMembership");
            DsclRecord record = DsclRecord.parse(group.stdout() + "\n" + group.stderr());
            if (record.get("GroupMembership") != null) {
                return new LinkedHashSet<>(record.values("GroupMembership"));
            }
            if (group.succeeded() && record.missing().contains("GroupMembership")) {
                return new LinkedHashSet<>();
            }
            notes.add("'" + group.commandLine() + "' gave no GroupMembership (exit " + group.exitCode() + ": "
                    + (group.stdout() + " " + group.stderr()).strip() + ")");
        } catch (ProbeException e) {
            notes.add("/Groups/admin unreadable: " + e.getMessage());
        }
        return null;
    }

    /** The groups {@code id -Gn NAME} prints, or null when it fails or prints nothing. */
    private Set<String> idGroups(String name) {
        try {
            CommandResult id = runner.run("id", "-Gn", name);
            String text = id.stdout().strip();
            if (id.succeeded() && !text.isEmpty()) {
                return new LinkedHashSet<>(List.of(text.split("\\s+")));
            }
        } catch (ProbeException e) {
            // treated as unreadable below
        }
        return null;
    }

    private LocalAccount account(MacUser user, Set<String> admins, List<String> notes) {
        String name = user.name();
        DsclRecord record = user.record();
        List<String> source = new ArrayList<>(List.of("dscl . -read /Users/" + name));
        if (user.unreadable() != null) {
            source.add("record unreadable: " + user.unreadable());
        }
        String authority = record.get("AuthenticationAuthority");
        Map<String, Object> policy = accountPolicy(record, name, source);

        boolean disabled = authority != null && authority.contains(";DisabledUser;");
        if (policy != null && Boolean.TRUE.equals(Plist.flag(policy, "isDisabled"))) {
            disabled = true;
            source.add("accountPolicyData isDisabled");
        }
        PasswordState password = password(authority, record, source);

        Instant passwordLastSet = null;
        // passwordLastSetTime tracks the local hash; for a directory password it says nothing about that password's age.
        if (password == PasswordState.SET && authority.contains(";ShadowHash;") && policy != null) {
            Double seconds = Plist.number(policy, "passwordLastSetTime");
            if (seconds != null && seconds > 0) {
                passwordLastSet = Instant.ofEpochMilli(Math.round(seconds * 1000));
            }
        }

        Set<String> idGroups = idGroups(name);
        Set<String> groups = new LinkedHashSet<>(idGroups == null ? Set.of() : idGroups);
        Boolean administrator;
        if ((admins != null && admins.contains(name)) || (idGroups != null && idGroups.contains("admin"))) {
            administrator = Boolean.TRUE;
            groups.add("admin");
        } else if (admins == null && idGroups == null) {
            administrator = null;
            source.add("administrator unknown: /Groups/admin and 'id -Gn " + name + "' both unreadable; "
                    + "run the agent as root");
        } else {
            administrator = Boolean.FALSE;
        }
        Instant lastLogon = null;
        if (user.isPerson()) {
            LastLogin last = lastLogin(name);
            lastLogon = last.at();
            source.add(last.evidence());
        }
        source.add("/Groups/admin GroupMembership");
        source.add(idGroups == null ? "id -Gn failed" : "id -Gn");
        source.addAll(notes);
        return new LocalAccount(name, Long.toString(user.uid()), user.isPerson(), disabled, password,
                passwordLastSet, lastLogon, groups, administrator, String.join("; ", source));
    }

    private LastLogin lastLogin(String name) {
        try {
            CommandResult last = runner.run("last", "-1", name);
            if (!last.succeeded()) {
                return new LastLogin(null, "'" + last.commandLine() + "' failed with exit " + last.exitCode() + ": "
                        + last.stderr().strip());
            }
            return LastLogin.parse(last.stdout(), name, ZonedDateTime.now(clock));
        } catch (ProbeException e) {
            return new LastLogin(null, "last logon unreadable: " + e.getMessage());
        }
    }

    private static PasswordState password(String authority, DsclRecord record, List<String> source) {
        if (authority == null) {
            if (!record.missing().contains("AuthenticationAuthority")) {
                return PasswordState.UNKNOWN; // not read, as opposed to absent
            }
            String legacy = record.get("Password");
            if (legacy == null || legacy.strip().equals("*")) {
                return PasswordState.LOCKED; // no authority and no password: root's default, nothing to log on with
            }
            source.add("no AuthenticationAuthority but a Password attribute: legacy password not judged");
            return PasswordState.UNKNOWN;
        }
        if (authority.contains(";DisabledUser;")) {
            return PasswordState.LOCKED;
        }
        if (authority.contains(";ShadowHash;")) {
            return PasswordState.SET;
        }
        if (LOGON_AUTHORITIES.stream().anyMatch(authority::contains)) {
            source.add("password kept by a directory (" + authority.strip() + "): its age is not recorded locally");
            return PasswordState.SET;
        }
        source.add("AuthenticationAuthority names no way to log on that the agent knows: " + authority.strip());
        return PasswordState.UNKNOWN;
    }

    /** The accountPolicyData plist, or null when absent or unreadable (noted in the source). */
    private static Map<String, Object> accountPolicy(DsclRecord record, String name, List<String> source) {
        String policy = record.get("accountPolicyData");
        if (policy == null || policy.isBlank()) {
            return null;
        }
        try {
            return Plist.parseDict(policy, "accountPolicyData of " + name);
        } catch (ProbeException e) {
            source.add("accountPolicyData unreadable: " + e.getMessage());
            return null;
        }
    }

    @Override
    public LogonSettings logonSettings() throws ProbeException {
        List<String> sources = new ArrayList<>();
        Boolean guest = null;
        CommandResult guestKey = runner.run("defaults", "read", LOGINWINDOW, "GuestEnabled");
        if (guestKey.succeeded()) {
            guest = Plist.flag(Map.of("v", guestKey.stdout().strip()), "v");
            sources.add(guestKey.commandLine() + " = " + guestKey.stdout().strip());
        }
        if (guest == null) {
            try {
                CommandResult status = runner.run("sysadminctl", "-guestAccount", "status");
                String text = status.stderr() + "\n" + status.stdout(); // sysadminctl logs to stderr
                if (text.contains("Guest account enabled")) {
                    guest = Boolean.TRUE;
                } else if (text.contains("Guest account disabled")) {
                    guest = Boolean.FALSE;
                }
                sources.add("sysadminctl -guestAccount status" + (guest == null ? " (unrecognised)" : ""));
            } catch (ProbeException e) {
                sources.add("sysadminctl -guestAccount status failed: " + e.getMessage());
            }
        }

        Boolean autoLogon;
        String autoUser = null;
        CommandResult auto = runner.run("defaults", "read", LOGINWINDOW, "autoLoginUser");
        if (auto.succeeded() && !auto.stdout().isBlank()) {
            autoUser = auto.stdout().strip();
            autoLogon = Boolean.TRUE;
            sources.add(auto.commandLine() + " = " + autoUser + "; /etc/kcpassword "
                    + (root.exists("/etc/kcpassword") ? "present" : "absent (logon works only with an empty password)"));
        } else if (auto.stderr().contains("does not exist")) {
            autoLogon = Boolean.FALSE;
            sources.add(auto.commandLine() + ": not set");
        } else {
            autoLogon = null;
            sources.add(auto.commandLine() + " failed with exit " + auto.exitCode());
        }
        return new LogonSettings(guest, autoLogon, autoUser, String.join("; ", sources));
    }
}
