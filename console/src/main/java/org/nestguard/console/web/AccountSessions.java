package org.nestguard.console.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Optional;
import org.nestguard.console.auth.Account;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.OpenedSession;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.store.WebSession;
import org.nestguard.console.store.WebSessions;

/**
 * The sessions of console accounts, shared by the pages and people's API: which signed-in account a request's
 * cookie names, the throttled steps of signing in (the same lockout and audit for both), and signing out.
 */
public final class AccountSessions {
    private final Accounts accounts;
    private final WebSessions sessions;
    private final SignInSteps steps;

    AccountSessions(Accounts accounts, WebSessions sessions, SignInSteps steps) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.steps = steps;
    }

    /** The sessions over the console's store and its accounts. */
    public static AccountSessions over(Console console) {
        WebSessions sessions = new WebSessions(console.database(), console.clock(), new SecureRandom());
        SignInThrottle throttle = new SignInThrottle(console.database(), console.clock());
        return new AccountSessions(console.accounts(), sessions, new SignInSteps(console.accounts(), sessions,
                throttle, console.clock()));
    }

    /** The live session the request's cookie names and its enabled account; a disabled account's session ends. */
    public Optional<SignedIn> find(Context ctx) {
        Optional<WebSession> session = sessions.find(ctx.cookie(SessionCookie.SESSION));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.byId(session.get().accountId()).filter(Account::enabled);
        if (account.isEmpty()) {
            sessions.close(session.get().idHash());
            return Optional.empty();
        }
        return Optional.of(new SignedIn(session.get(), account.get()));
    }

    /** The refusal for a locked name or address, if either is locked now. */
    public Optional<String> locked(Context ctx, String accountName) {
        return steps.locked(ctx, accountName);
    }

    /** Counts a failed password or code towards the lockout; the refusal to give when this one locked it. */
    public Optional<String> fail(Context ctx, String accountName) {
        return steps.fail(ctx, accountName);
    }

    /** The enabled account whose name and password these are (a wrong password is audited), or empty. */
    public Optional<Account> checkPassword(Context ctx, String name, String password) {
        return accounts.checkPassword(name, password, ctx.ip());
    }

    /** Whether the code is the account's current TOTP code, not used before (a wrong one is audited). */
    public boolean acceptTotp(Account account, String code) {
        return accounts.acceptTotp(account, code);
    }

    /** Opens a session already signed in, sets its cookie and records the sign-in: for people's API. */
    public OpenedSession openSignedIn(Context ctx, Account account) {
        return steps.openSignedIn(ctx, account);
    }

    /** Ends this session, removes its cookie and records why. */
    public void end(Context ctx, SignedIn signedIn, String why) {
        sessions.close(signedIn.session().idHash());
        SessionCookie.clear(ctx, SessionCookie.SESSION);
        accounts.record(signedIn.account().asActor(), "sign-out", "account " + signedIn.account().name(), why);
    }

    Accounts accounts() {
        return accounts;
    }

    WebSessions sessions() {
        return sessions;
    }

    SignInSteps steps() {
        return steps;
    }
}
