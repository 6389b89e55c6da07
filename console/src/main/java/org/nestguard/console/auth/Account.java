package org.nestguard.console.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A console account as the pages and the command line see it; never its password hash or TOTP secret.
 *
 * @param grants             its roles, each in a setting or every setting
 * @param mustChangePassword set by an administrator's reset: the next sign-in must choose a new password
 * @param totpRequired       whether sign-in needs a TOTP code (by default for DSL, deputy and admin roles)
 * @param totpEnrolled       whether the person has set up their authenticator
 * @param disabledAt         when it was disabled, or null while it may sign in
 * @param deviceAccounts     the OS accounts on setting devices that are the person's own, in lower case
 */
public record Account(String id, String name, List<Grant> grants, boolean mustChangePassword, boolean totpRequired,
                      boolean totpEnrolled, Instant disabledAt, Instant createdAt, Set<String> deviceAccounts) {
    /** Roles whose accounts need a second factor unless an administrator says otherwise. */
    public static final Set<Role> TOTP_BY_DEFAULT = EnumSet.of(Role.DSL, Role.DEPUTY_DSL, Role.ADMIN);

    public Account {
        grants = List.copyOf(grants);
        deviceAccounts = Set.copyOf(deviceAccounts);
    }

    /** Every role held, in any setting. */
    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        grants.forEach(grant -> roles.add(grant.role()));
        return roles;
    }

    /** Whether the account holds any of these roles in some setting. */
    public boolean hasAny(Set<Role> wanted) {
        return grants.stream().anyMatch(grant -> wanted.contains(grant.role()));
    }

    /** The settings it acts for, by id ("every setting" is not listed). */
    public Set<String> settingIds() {
        Set<String> ids = new TreeSet<>();
        grants.stream().filter(grant -> grant.settingId() != null).forEach(grant -> ids.add(grant.settingId()));
        return ids;
    }

    /** The account as the audit log names an actor: its id and name, all its roles, no one setting. */
    public Person asActor() {
        return new Person(id, name, roles(), null, Set.of());
    }

    /**
     * The person this account is when acting in one setting: the roles granted there or in every setting, and
     * that setting for routing. Null acts in every setting with only the roles granted everywhere (admin and
     * technical), since the safeguarding roles always belong to one setting. The person's own device accounts go
     * with them, so routing keeps records about those accounts from them.
     */
    public Person actingIn(String settingId) {
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (Grant grant : grants) {
            if (grant.settingId() == null || grant.settingId().equals(settingId)) {
                held.add(grant.role());
            }
        }
        return new Person(id, name, held, settingId, deviceAccounts);
    }

    /** Whether the account holds a grant in this setting or in every setting. */
    public boolean actsIn(String settingId) {
        return grants.stream().anyMatch(grant -> grant.settingId() == null || grant.settingId().equals(settingId));
    }

    /** Whether the account may still sign in. */
    public boolean enabled() {
        return disabledAt == null;
    }
}
