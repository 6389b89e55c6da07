package org.nestguard.console.store;

import org.nestguard.console.auth.Account;

/** An account and the one-time password made for it, which is shown once and must be changed at first sign-in. */
public record IssuedPassword(Account account, String oneTimePassword) {
    @Override
    public String toString() {
        return "IssuedPassword[account=" + account.name() + ", oneTimePassword=<hidden>]";
    }
}
