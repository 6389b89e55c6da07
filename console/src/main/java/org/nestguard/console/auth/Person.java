package org.nestguard.console.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone who uses the console: their roles, the one setting they act for (null: every setting, which only the
 * admin and technical roles may have) and the OS accounts on setting devices that are their own, so that flags
 * and history about those accounts never reach them.
 *
 * @param id             the console account's id
 * @param name           who the person is, shown in the audit log and the flag changes they make
 * @param roles          at least one
 * @param settingId      the setting they act for, or null for all
 * @param deviceAccounts their own accounts, in lower case
 */
public record Person(String id, String name, Set<Role> roles, String settingId, Set<String> deviceAccounts) {
    public Person {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        deviceAccounts = Set.copyOf(deviceAccounts);
    }

    /** Whether the person holds any of these roles. */
    public boolean hasAny(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Whether the person acts for this setting: theirs, or any when they are not tied to one. */
    public boolean actsFor(String setting) {
        return settingId == null || settingId.equals(setting);
    }

    /** Whether the account (as a device reported it) is one of this person's own. */
    public boolean owns(String account) {
        return account != null && deviceAccounts.contains(accountKey(account));
    }

    /** An account name as compared everywhere: lower case, so JSmith on Windows is jsmith. */
    public static String accountKey(String account) {
        return account.strip().toLowerCase(Locale.ROOT);
    }

    /** The roles' names in a stable order, for messages. */
    public String roleNames() {
        return String.join(", ", new TreeSet<>(roles.stream().map(Role::id).toList()));
    }
}
