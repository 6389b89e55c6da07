package org.nestguard.console.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * Routing, as SQL: which rows of history, flags and notices a person may read. Learner-account rows go to the
 * DSL and deputy DSLs of the row's setting, staff-account rows to its manager and headteacher, and no row about
 * one of the person's own device accounts ever goes to them, whatever roles they hold. Every list and every single
 * read uses this one condition, so what a list shows and what a direct read allows cannot disagree.
 */
final class VisibleTo {
    private VisibleTo() {
    }

    /**
     * Adds the condition on {@code alias}'s setting_id, account_kind and account_key. With
     * {@code unknownKindVisible} a row whose account kind is unknown (null) counts as both kinds.
     */
    static void restrict(Conditions conditions, String alias, Person person, boolean unknownKindVisible) {
        List<String> kinds = new ArrayList<>();
        for (AccountKind kind : AccountKind.values()) {
            if (person.hasAny(Role.readersOf(kind))) {
                kinds.add(kindId(kind));
            }
        }
        if (kinds.isEmpty() || person.settingId() == null) {
            conditions.and("1 = 0");
            return;
        }
        conditions.and(alias + ".setting_id = ?", person.settingId());
        String kindList = "'" + String.join("', '", kinds) + "'";
        conditions.and(unknownKindVisible
                ? "(" + alias + ".account_kind IN (" + kindList + ") OR " + alias + ".account_kind IS NULL)"
                : alias + ".account_kind IN (" + kindList + ")");
        if (!person.deviceAccounts().isEmpty()) {
            conditions.and(alias + ".account_key NOT IN (" + InList.placeholders(person.deviceAccounts().size())
                    + ")", person.deviceAccounts().toArray());
        }
    }

    /** Whether the person reads staff records at all: their reads are then kept from DSLs in the audit log. */
    static boolean readsStaffRecords(Person person) {
        return person.hasAny(Role.readersOf(AccountKind.STAFF));
    }

    /** The kind as stored: learner or staff. */
    static String kindId(AccountKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The stored kind read back; null stays null. */
    static AccountKind kind(String stored) {
        return stored == null ? null : AccountKind.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
