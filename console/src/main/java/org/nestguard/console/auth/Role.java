package org.nestguard.console.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.nestguard.protocol.monitoring.AccountKind;

/** What a person does at the console; a person holds one or more, within their setting. */
public enum Role {
    /** Devices, compliance, policy upload, commands and alerts; never history or flags. */
    ADMIN("admin", false),
    /** Devices, commands including the monitoring self-test, the self-test log; never history or flag content. */
    TECHNICAL("technical", false),
    /** The Designated Safeguarding Lead: learner history and flags of their setting. */
    DSL("dsl", true),
    /** A deputy DSL: the same as the DSL. */
    DEPUTY_DSL("deputy-dsl", true),
    /** The manager: staff history and staff-subject flags of their setting, compliance. */
    MANAGER("manager", true),
    /** The headteacher: the same as the manager. */
    HEADTEACHER("headteacher", true);

    private final String id;
    private final boolean safeguarding;

    Role(String id, boolean safeguarding) {
        this.id = id;
        this.safeguarding = safeguarding;
    }

    /** The name used on the command line and in the store, such as {@code deputy-dsl}. */
    public String id() {
        return id;
    }

    /** Whether the role reads safeguarding records, which only makes sense within one setting. */
    public boolean safeguarding() {
        return safeguarding;
    }

    /** Who reads history and flags about an account of this kind: learners go to the DSLs, staff to leadership. */
    public static Set<Role> readersOf(AccountKind kind) {
        return kind == AccountKind.LEARNER ? EnumSet.of(DSL, DEPUTY_DSL) : EnumSet.of(MANAGER, HEADTEACHER);
    }

    /** The role with this name, or a refusal that lists the names there are. */
    public static Role parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.id.equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a role; give one of " + names());
    }

    /** Every role's name, comma separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
