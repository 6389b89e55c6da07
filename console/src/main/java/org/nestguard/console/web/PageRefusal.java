package org.nestguard.console.web;

/**
 * Thrown by a page handler to refuse the request with a page that says what was wrong and what to do (a setting
 * the account does not act in, a record that does not exist or is not theirs to see); registered on the server
 * so every page shows it the same way.
 */
public final class PageRefusal extends RuntimeException {
    private final int status;
    private final String title;

    public PageRefusal(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
