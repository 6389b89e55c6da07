package org.nestguard.agent.platform.windows;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/** Local SAM accounts (through {@link NetUserReader}) and the Winlogon guest / automatic logon settings. */
public final class WindowsAccountProbe implements AccountProbe {
    static final String WINLOGON = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    static final long GUEST_RID = 501;

    private final NetUserReader users;
    private final RegistryReader registry;
    private final Clock clock;

    public WindowsAccountProbe(NetUserReader users, RegistryReader registry, Clock clock) {
        this.users = users;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public List<LocalAccount> accounts() throws ProbeException {
        String administrators = users.administratorsGroupName();
        Instant now = clock.instant();
        List<LocalAccount> accounts = new ArrayList<>();
        for (NetUser user : users.users()) {
            boolean administrator = user.privilege() == 2
                    || user.localGroups().stream().anyMatch(g -> g.equalsIgnoreCase(administrators));
            boolean interactive = PersonAccounts.isPersonRid(user.rid());
            boolean disabled = user.disabledAt(now);
            // UF_PASSWD_NOTREQD only says an empty password is allowed, not that it is empty; proving it would take a
            // logon attempt with an empty password, which the agent does not make.
            PasswordState password = user.hasFlag(NetUser.UF_PASSWD_NOTREQD) ? PasswordState.UNKNOWN
                    : PasswordState.SET;
            String source = "NetUserEnum level 3 (rid=" + user.rid() + ", flags=0x" + Integer.toHexString(user.flags())
                    + flagNames(user) + expiry(user, now) + ", priv=" + user.privilege() + ", password_age=" + user.passwordAgeSeconds()
                    + " s); NetUserGetLocalGroups; Administrators group S-1-5-32-544 = \"" + administrators + "\"";
            accounts.add(new LocalAccount(user.name(), user.sid() != null ? user.sid() : "RID " + user.rid(),
                    interactive, disabled, password, now.minusSeconds(user.passwordAgeSeconds()), user.lastLogon(),
                    user.localGroups(), administrator, source));
        }
        return accounts;
    }

    private static String expiry(NetUser user, Instant now) {
        if (user.accountExpires() == null) {
            return "";
        }
        return ", account " + (user.expiredAt(now) ? "expired " : "expires ") + user.accountExpires();
    }

    private static String flagNames(NetUser user) {
        StringBuilder names = new StringBuilder();
        if (user.hasFlag(NetUser.UF_ACCOUNTDISABLE)) {
            names.append(" ACCOUNTDISABLE");
        }
        if (user.hasFlag(NetUser.UF_LOCKOUT)) {
            names.append(" LOCKOUT");
        }
        if (user.hasFlag(NetUser.UF_PASSWD_NOTREQD)) {
            names.append(" PASSWD_NOTREQD");
        }
        if (user.hasFlag(NetUser.UF_DONT_EXPIRE_PASSWD)) {
            names.append(" DONT_EXPIRE_PASSWD");
        }
        return names.length() == 0 ? "" : " =" + names;
    }

    @Override
    public LogonSettings logonSettings() throws ProbeException {
        List<String> evidence = new ArrayList<>();
        Boolean guest;
        try {
            Optional<NetUser> builtInGuest = users.users().stream().filter(u -> u.rid() == GUEST_RID).findFirst();
            Instant now = clock.instant();
            guest = builtInGuest.map(u -> !u.disabledAt(now)).orElse(false);
            evidence.add(builtInGuest.map(u -> "NetUserEnum: built-in Guest (RID 501) \"" + u.name() + "\" flags=0x"
                    + Integer.toHexString(u.flags())).orElse("NetUserEnum: no account with RID 501"));
        } catch (ProbeException e) {
            guest = null;
            evidence.add("guest not readable: " + e.getMessage());
        }

        Boolean autoLogon;
        String autoLogonUser = null;
        try {
            Optional<String> flag = registry.string(Hive.HKEY_LOCAL_MACHINE, WINLOGON, "AutoAdminLogon");
            String value = flag.map(String::trim).orElse(null);
            autoLogon = value == null || value.equals("0") ? Boolean.FALSE : value.equals("1") ? Boolean.TRUE : null;
            if (Boolean.TRUE.equals(autoLogon)) {
                autoLogonUser = registry.string(Hive.HKEY_LOCAL_MACHINE, WINLOGON, "DefaultUserName").orElse(null);
            }
            // Only the presence of DefaultPassword is evidence; its value is a clear-text password and is never read.
            boolean passwordStored = registry.valueExists(Hive.HKEY_LOCAL_MACHINE, WINLOGON, "DefaultPassword");
            evidence.add(Hive.HKEY_LOCAL_MACHINE.path(WINLOGON) + " AutoAdminLogon=" + flag.orElse("(not set)")
                    + (autoLogonUser != null ? " DefaultUserName=" + autoLogonUser : "")
                    + " DefaultPassword " + (passwordStored ? "present" : "absent")
                    + (autoLogon == null ? " (unrecognised AutoAdminLogon value)" : ""));
        } catch (ProbeException e) {
            autoLogon = null;
            evidence.add("Winlogon not readable: " + e.getMessage());
        }
        return new LogonSettings(guest, autoLogon, autoLogonUser, String.join("; ", evidence));
    }
}
