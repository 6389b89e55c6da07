package org.nestguard.console.web;

import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.Set;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.SignInStage;

/**
 * Who may open a page: nobody signed in yet, a session at one step of sign-in, or a signed-in person holding one
 * of the group's roles. Every page route is registered with exactly one; {@link PageGate} checks it.
 */
public enum PageAccess implements RouteRole {
    /** The sign-in page itself. */
    PUBLIC(null),
    /** Any session at any stage: signing out. */
    ANY_SESSION(null),
    /** Entering the TOTP code after the password. */
    SECOND_FACTOR(SignInStage.SECOND_FACTOR),
    /** Choosing a new password after an administrator's reset. */
    PASSWORD_CHANGE(SignInStage.PASSWORD_CHANGE),
    /** Setting up an authenticator. */
    TOTP_ENROLMENT(SignInStage.TOTP_ENROLMENT),
    /** Pages for everyone signed in, whatever their roles: the home page. */
    SIGNED_IN(SignInStage.SIGNED_IN),
    /** Console accounts: administrators only. */
    ACCOUNTS(SignInStage.SIGNED_IN, Role.ADMIN);

    private final SignInStage stage;
    private final Set<Role> roles;

    PageAccess(SignInStage stage, Role... roles) {
        this.stage = stage;
        this.roles = roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles);
    }

    /** The sign-in stage a session must be at, or null for {@link #PUBLIC} and {@link #ANY_SESSION}. */
    public SignInStage stage() {
        return stage;
    }

    /** Whether a signed-in account's roles open pages of this group (an empty role set: everyone signed in). */
    public boolean admits(Account account) {
        return roles.isEmpty() || account.hasAny(roles);
    }

    /** The roles this group needs, for the refusal page; empty when any will do. */
    public Set<Role> roles() {
        return roles;
    }
}
