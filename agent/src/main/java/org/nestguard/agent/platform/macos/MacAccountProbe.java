package org.nestguard.agent.platform.macos;

import java.time.Instant;
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
 * <p>interactive = uid 501 or above and a shell other than /usr/bin/false or /sbin/nologin. password: SET when
 * AuthenticationAuthority has ;ShadowHash; (a local hash exists; macOS cannot tell an empty password from the hash
 * without trying to log on, which would count as a failed attempt, so an empty password also reads SET); LOCKED when it
 * has ;DisabledUser; or has no ShadowHash (no local password to log on with); UNKNOWN when the attribute is unreadable.
 * passwordLastSet = accountPolicyData passwordLastSetTime (seconds since 1970). lastLogon is not read (null): macOS
 * keeps it only in utmpx, which {@code last} prints without a year. administrator = listed in /Groups/admin
 * GroupMembership or in {@code id -Gn}.
 */
public final class MacAccountProbe implements AccountProbe {
    static final String LOGINWINDOW = "/Library/Preferences/com.apple.loginwindow";

    private final CommandRunner runner;
    private final HostRoot root;

    public MacAccountProbe(CommandRunner runner, HostRoot root) {
        this.runner = runner;
        this.root = root;
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

    @Override
    public List<LocalAccount> accounts() throws ProbeException {
        Set<String> admins = new LinkedHashSet<>();
        CommandResult adminGroup = runner.run("dscl", ".", "-read", "/Groups/admin", "GroupMembership");
        admins.addAll(DsclRecord.parse(adminGroup.stdout()).values("GroupMembership"));

        List<LocalAccount> accounts = new ArrayList<>();
        for (Map.Entry<String, Long> user : users().entrySet()) {
            accounts.add(account(user.getKey(), user.getValue(), admins));
        }
        return accounts;
    }

    private LocalAccount account(String name, long uid, Set<String> admins) throws ProbeException {
        DsclRecord record;
        String readNote = "";
        try {
            CommandResult read = runner.run("dscl", ".", "-read", "/Users/" + name, "AuthenticationAuthority",
                    "UserShell", "accountPolicyData");
            record = DsclRecord.parse(read.stdout() + "\n" + read.stderr());
        } catch (ProbeException e) {
            // One unreadable record leaves that account's facts unknown, not the whole list.
            record = DsclRecord.parse("");
            readNote = " (record unreadable: " + e.getMessage() + ")";
        }
        String authority = record.get("AuthenticationAuthority");
        String shell = record.get("UserShell");

        boolean disabled = authority != null && authority.contains(";DisabledUser;");
        PasswordState password;
        if (authority == null) {
            // Absent attribute (root by default, "No such key") means no local password at all.
            password = record.missing().contains("AuthenticationAuthority") ? PasswordState.LOCKED
                    : PasswordState.UNKNOWN;
        } else if (disabled || !authority.contains(";ShadowHash;")) {
            password = PasswordState.LOCKED;
        } else {
            password = PasswordState.SET;
        }
        boolean noShell = shell == null || shell.equals("/usr/bin/false") || shell.equals("/sbin/nologin");
        boolean interactive = uid >= 501 && !noShell;

        Instant passwordLastSet = null;
        String policy = record.get("accountPolicyData");
        String policyNote = "";
        if (policy != null && !policy.isBlank()) {
            try {
                Double seconds = Plist.number(Plist.parseDict(policy, "accountPolicyData of " + name),
                        "passwordLastSetTime");
                if (seconds != null && seconds > 0) {
                    passwordLastSet = Instant.ofEpochMilli(Math.round(seconds * 1000));
                }
            } catch (ProbeException e) {
                policyNote = " (accountPolicyData unreadable: " + e.getMessage() + ")";
            }
        }

        Set<String> groups = new LinkedHashSet<>();
        try {
            CommandResult id = runner.run("id", "-Gn", name);
            if (id.succeeded()) {
                groups.addAll(List.of(id.stdout().strip().split("\\s+")));
            }
        } catch (ProbeException e) {
            // groups stay as the admin group says; the membership list below is still authoritative for admin
        }
        boolean administrator = admins.contains(name) || groups.contains("admin");
        if (administrator) {
            groups.add("admin");
        }
        groups.remove("");
        return new LocalAccount(name, Long.toString(uid), interactive, disabled, password, passwordLastSet, null,
                groups, administrator, "dscl . -read /Users/" + name + "; /Groups/admin GroupMembership; id -Gn"
                + policyNote + readNote);
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
