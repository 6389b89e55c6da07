package org.nestguard.console.peopleapi;

/** The body of {@code POST /api/v1/session}: the account's name and password, and its TOTP code if it has one. */
public record SignInRequest(String name, String password, String code) {
    @Override
    public String toString() {
        return "SignInRequest[name=" + name + ", password=<hidden>, code=<hidden>]";
    }
}
