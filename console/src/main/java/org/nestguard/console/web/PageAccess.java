package org.nestguard.console.web;

import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.Set;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.SignInStage;

/**
 * Who may open a page: nobody signed in yet, a session at one step of sign-in, or a signed-in person holding one
 * of the group's roles. Every page route is registered with exactly one; {@link PageGate} checks it. Which
 * records a page then shows is routing's business (the stores' {@code VisibleTo}), for the setting the page acts
 * in ({@link ActingSetting}).
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
    ACCOUNTS(SignInStage.SIGNED_IN, Role.ADMIN),
    /** The compliance dashboard: device health, no browsing and no names of children. */
    DASHBOARD(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
    /** Device lists and pages; the history, flag and quarantine parts of a device page follow routing. */
    DEVICES(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER,
            Role.HEADTEACHER),
    /** Commands to devices, enrolment tokens and revoking a device: technical work. */
    DEVICE_ADMIN(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL),
    /** History search, the flag queue and flag decisions; which rows each person sees is routing's business. */
    FLAGS(SignInStage.SIGNED_IN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** Concerns (cases): the record of online safety concerns and the actions taken. */
    CASES(SignInStage.SIGNED_IN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** Quarantine items, their decisions, device holds and the IWF export; metadata only, never content. */
    QUARANTINE(SignInStage.SIGNED_IN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** Reading a setting's policy, its versions and the changes waiting for approval. */
    POLICY_READ(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER,
            Role.HEADTEACHER),
    /** Proposing a policy change: technical staff (DESIGN §8) and administrators. */
    POLICY_PROPOSE(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL),
    /** Approving or rejecting a proposed change: a DSL or leadership account (§7.3.1). */
    POLICY_APPROVE(SignInStage.SIGNED_IN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** The termly governor summary: aggregates only, no names. */
    GOVERNOR_REPORT(SignInStage.SIGNED_IN, Role.ADMIN, Role.DSL, Role.DEPUTY_DSL, Role.MANAGER, Role.HEADTEACHER),
    /** The record of users granted access to devices (§7.2). */
    ACCESS_RECORD(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL, Role.MANAGER, Role.HEADTEACHER),
    /** The dated log of monitoring self-tests, for the annual review. */
    SELF_TEST_LOG(SignInStage.SIGNED_IN, Role.ADMIN, Role.TECHNICAL, Role.DSL, Role.DEPUTY_DSL),
    /** The audit log viewer and its chain check. */
    AUDIT(SignInStage.SIGNED_IN, Role.ADMIN, Role.DSL),
    /** Retention per data class and the purge log: set by administrators. */
    RETENTION(SignInStage.SIGNED_IN, Role.ADMIN);

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
