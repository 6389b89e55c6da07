package org.nestguard.console.peopleapi;

import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;

/**
 * The route groups of people's API and the roles each admits. Every route is registered with exactly one group;
 * {@link SessionGate} and {@link RoleGate} check it before the handler runs, and refuse a route registered without
 * one.
 */
public enum Access implements RouteRole {
    /** Signing in: no session yet. */
    SIGN_IN(false),
    /** Anyone signed in, whatever their roles and setting: signing out. */
    SIGNED_IN(true),
    /** Device lists and details, and commands such as check-now. */
    DEVICES(Role.ADMIN, Role.TECHNICAL),
    /** Asking a device to run the monitoring self-test. */
    SELF_TEST(Role.ADMIN, Role.TECHNICAL),
    /** The dated self-test log for the annual review: no browsing in it. */
    SELF_TEST_LOG(Role.ADMIN, Role.TECHNICAL, Role.DSL),
    /** A setting's compliance counts. */
    COMPLIANCE(Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
    /** Uploading a setting's policy. */
    POLICY(Role.ADMIN),
    /** Alerts about devices and about monitoring that reaches no one; no browsing in them. */
    ALERTS(Role.ADMIN, Role.TECHNICAL),
    /** History search and notices; which rows each person sees is routing's business. */
    HISTORY(Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** The flag queue, flags and their state changes; which flags each person sees is routing's business. */
    FLAGS(Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /**
     * File flags and quarantine items (metadata only), and the decisions on items: release, destroy, preserve,
     * export, viewings, evidence download. Which items each person sees and decides on is routing's business:
     * learner accounts' to the DSLs, staff accounts' to the manager and headteacher.
     */
    FILES(Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** Asking a device to isolate a file by path or hash. */
    ISOLATE(Role.DSL, Role.DEPUTY_DSL),
    /** Putting a device on hold and lifting the hold with the police advice. */
    HOLDS(Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** Images and documents written to removable media (004): the manager's to follow up. */
    REMOVABLE_WRITES(Role.MANAGER, Role.HEADTEACHER),
    /** Antivirus scans of removable media at mount: device health. */
    REMOVABLE_SCANS(Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
    /** Outing readiness checks. */
    OUTINGS(Role.MANAGER, Role.HEADTEACHER),
    /** The audit log. */
    AUDIT(Role.ADMIN, Role.DSL);

    private final Set<Role> roles;
    private final boolean needsSession;

    Access(boolean needsSession) {
        this.roles = Set.of();
        this.needsSession = needsSession;
    }

    Access(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
        this.needsSession = true;
    }

    /** Whether calls need a signed-in session ({@link #SIGN_IN} does not). */
    public boolean needsSession() {
        return needsSession;
    }

    /** Whether the group asks for roles; {@link #SIGN_IN} and {@link #SIGNED_IN} do not. */
    public boolean needsRoles() {
        return !roles.isEmpty();
    }

    /** The roles this group admits (empty: no role is asked for). */
    public Set<Role> roles() {
        return roles;
    }

    /** Whether the person holds a role this group admits, or the group asks for none. */
    public boolean admits(Person person) {
        return roles.isEmpty() || person.hasAny(roles);
    }

    /** The one group a matched route was registered with, or null when it has none or several. */
    static Access of(Set<RouteRole> groups) {
        return groups.size() == 1 && groups.iterator().next() instanceof Access access ? access : null;
    }

    /** The admitted roles' names, for messages. */
    String roleNames() {
        return roles.stream().map(Role::id).collect(Collectors.joining(", "));
    }
}
