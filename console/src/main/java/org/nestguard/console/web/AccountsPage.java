package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import org.nestguard.console.store.Accounts;

/** {@code GET /accounts}: every console account, its roles, TOTP and whether it is disabled (administrators). */
final class AccountsPage implements Handler {
    private final Accounts accounts;
    private final PageRenderer renderer;

    AccountsPage(Accounts accounts, PageRenderer renderer) {
        this.accounts = accounts;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        renderer.render(ctx, "accounts.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "accounts", accounts.list()));
    }
}
