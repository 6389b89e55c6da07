package org.nestguard.console.store;

/** A token just created: the only time its secret exists outside the installer it is handed to. */
public record IssuedToken(EnrolmentToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", secret=<hidden>]";
    }
}
