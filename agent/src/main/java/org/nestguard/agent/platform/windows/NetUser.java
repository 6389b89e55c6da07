package org.nestguard.agent.platform.windows;

import java.time.Instant;
import java.util.Set;

/**
 * One local account as {@code NetUserEnum} level 3 and {@code NetUserGetLocalGroups} report it.
 *
 * @param name               the account name
 * @param sid                the account's SID, or null when it could not be resolved
 * @param rid                the relative ID (usri3_user_id): 500 built-in Administrator, 501 Guest, 503 DefaultAccount,
 *                           504 WDAGUtilityAccount
 * @param passwordAgeSeconds seconds since the password was last changed (usri3_password_age, unsigned)
 * @param privilege          usri3_priv: 0 guest, 1 user, 2 admin
 * @param flags              usri3_flags (UF_* bits)
 * @param lastLogon          usri3_last_logon; null when 0 (never, or not recorded on this machine)
 * @param accountExpires     usri3_acct_expires; null when TIMEQ_FOREVER (the account never expires)
 * @param localGroups        local groups the account belongs to, directly or through a domain group (localized names)
 */
public record NetUser(String name, String sid, long rid, long passwordAgeSeconds, int privilege, int flags,
                      Instant lastLogon, Instant accountExpires, Set<String> localGroups) {

    public static final int UF_ACCOUNTDISABLE = 0x2;
    public static final int UF_LOCKOUT = 0x10;
    public static final int UF_PASSWD_NOTREQD = 0x20;
    public static final int UF_DONT_EXPIRE_PASSWD = 0x10000;
    public static final int UF_PASSWORD_EXPIRED = 0x800000;

    public NetUser {
        localGroups = Set.copyOf(localGroups);
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Whether the account is administratively unable to log on at {@code now}: disabled (UF_ACCOUNTDISABLE) or past
     * its expiry date. UF_LOCKOUT is left out on purpose: it is a temporary lockout after wrong passwords that clears
     * itself, and the account is still one people log on with.
     */
    public boolean disabledAt(Instant now) {
        return hasFlag(UF_ACCOUNTDISABLE) || expiredAt(now);
    }

    /** Whether usri3_acct_expires has passed; an account expires at the start of the second it names. */
    public boolean expiredAt(Instant now) {
        return accountExpires != null && !accountExpires.isAfter(now);
    }
}
