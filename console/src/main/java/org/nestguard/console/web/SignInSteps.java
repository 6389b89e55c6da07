package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.OpenedSession;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.store.WebSession;
import org.nestguard.console.store.WebSessions;

/**
 * What happens between the steps of sign-in: moving a session to the step it owes next (and recording a
 * completed sign-in), and counting a failed step towards the lockout.
 */
final class SignInSteps {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    // the audit log's actor for a lockout: the name typed may be no account at all, so it is not recorded
    private static final Person THROTTLE = new Person("sign-in-throttle", "sign-in throttle", Set.of(), null,
            Set.of());

    private final Accounts accounts;
    private final WebSessions sessions;
    private final SignInThrottle throttle;
    private final Clock clock;

    SignInSteps(Accounts accounts, WebSessions sessions, SignInThrottle throttle, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Opens a session once the password is right and sends the browser to the step it owes next. */
    void start(Context ctx, Account account) {
        SignInStage next = SignInStage.next(account, false);
        OpenedSession opened = sessions.open(account.id(), next, ctx.ip());
        SessionCookie.clear(ctx, SessionCookie.SIGN_IN_CSRF);
        SessionCookie.set(ctx, SessionCookie.SESSION, opened.cookieValue(), -1);
        finish(ctx, account, next);
    }

    /** Moves the session on once a later step (code, new password, authenticator) is done. */
    void advance(Context ctx, WebSession session, String accountId) {
        Account account = accounts.byId(accountId).orElseThrow();
        SignInStage next = SignInStage.next(account, true);
        sessions.advance(session, next);
        finish(ctx, account, next);
    }

    /**
     * Opens a session signed in at once, for people's API, which has checked the password and any code itself
     * and refuses accounts that owe a step the pages take them through; records the sign-in.
     */
    OpenedSession openSignedIn(Context ctx, Account account) {
        OpenedSession opened = sessions.open(account.id(), SignInStage.SIGNED_IN, ctx.ip());
        SessionCookie.set(ctx, SessionCookie.SESSION, opened.cookieValue(), -1);
        signedIn(ctx, account, "from " + ctx.ip() + " (people's API)");
        return opened;
    }

    private void finish(Context ctx, Account account, SignInStage next) {
        if (next == SignInStage.SIGNED_IN) {
            signedIn(ctx, account, "from " + ctx.ip());
        }
        ctx.redirect(WebPages.pageFor(next), HttpStatus.SEE_OTHER);
    }

    private void signedIn(Context ctx, Account account, String detail) {
        throttle.clear(SignInThrottle.accountSubject(account.name()));
        accounts.record(account.asActor(), "sign-in", "account " + account.name(), detail);
    }

    /** Counts a failed password or code; returns the refusal to show when this failure locked the account. */
    Optional<String> fail(Context ctx, String accountName) {
        Optional<Instant> locked = throttle.recordFailure(SignInThrottle.accountSubject(accountName),
                SignInThrottle.addressSubject(ctx.ip()));
        locked.ifPresent(until -> accounts.record(THROTTLE, "sign-in.lockout", "sign-in from " + ctx.ip(),
                "locked until " + until));
        return locked.map(this::lockedMessage);
    }

    /** The refusal for a locked name or address, if either is locked now. */
    Optional<String> locked(Context ctx, String accountName) {
        return throttle.lockedUntil(List.of(SignInThrottle.accountSubject(accountName),
                SignInThrottle.addressSubject(ctx.ip()))).map(this::lockedMessage);
    }

    // the same words whether or not the account exists, so a lockout does not tell anyone which names are real
    private String lockedMessage(Instant until) {
        long minutes = Math.max(1, Duration.between(clock.instant(), until).plusSeconds(59).toMinutes());
        return "Too many failed sign-ins from here or for this name. Sign-in is paused until " + TIME.format(until)
                + " (about " + minutes + " minute" + (minutes == 1 ? "" : "s") + "); then try again. If you have "
                + "forgotten your password, ask the console's administrator to reset it.";
    }
}
