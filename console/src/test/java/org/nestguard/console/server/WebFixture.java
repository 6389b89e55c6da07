package org.nestguard.console.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.IssuedPassword;

/** Accounts for page tests over a {@link TestConsole}'s store, and signing in as them with real codes. */
final class WebFixture {
    static final String PASSWORD = "a long test password";

    final TestConsole console;
    final Accounts accounts;

    WebFixture(TestConsole console) {
        this.console = console;
        this.accounts = console.console.accounts();
    }

    /** An account with this role in the test setting and a known password, its authenticator set up if required. */
    Person person(String name, Role role) {
        return person(name, TestConsole.SETTING, List.of(), role);
    }

    /** An account holding all these roles in the test setting, as {@link #person(String, Role)}. */
    Person person(String name, Role... roles) {
        return person(name, TestConsole.SETTING, List.of(), roles);
    }

    /**
     * An account with these roles in the setting (null: every setting), these OS accounts of its own on setting
     * devices and a known password, its authenticator set up if its roles require one.
     */
    Person person(String name, String setting, List<String> deviceAccounts, Role... roles) {
        return person(name, java.util.Arrays.stream(roles).map(role -> new Grant(role, setting)).toList(),
                deviceAccounts);
    }

    /** An account with these grants and own device accounts, its authenticator set up if its roles need one. */
    Person person(String name, List<Grant> grants, List<String> deviceAccounts) {
        IssuedPassword issued = accounts.add(name, grants, deviceAccounts, PASSWORD, Accounts.COMMAND_LINE);
        String secret = null;
        if (issued.account().totpRequired()) {
            secret = Totp.newSecret(new SecureRandom());
            if (!accounts.enrolTotp(issued.account(), secret, codeNow(secret))) {
                throw new AssertionError("enrolment refused its own code");
            }
            console.clock.advance(Duration.ofSeconds(Totp.PERIOD)); // the enrolment used this step's code
        }
        return new Person(issued.account(), secret);
    }

    String codeNow(String secret) {
        return Totp.code(Base32.decode(secret), new Totp(console.clock).currentStep());
    }

    /** Signs the person in through the pages: password, then the code when they have an authenticator. */
    WebClient signIn(Person person) throws IOException, InterruptedException {
        WebClient client = new WebClient(console);
        HttpResponse<String> form = client.get("/signin");
        HttpResponse<String> afterPassword = client.post("/signin", "csrf", WebClient.csrf(form),
                "name", person.account().name(), "password", PASSWORD);
        if (person.secret() != null) {
            expectRedirect(afterPassword, "/signin/code");
            HttpResponse<String> codePage = client.get("/signin/code");
            afterPassword = client.post("/signin/code", "csrf", WebClient.csrf(codePage), "code",
                    codeNow(person.secret()));
            console.clock.advance(Duration.ofSeconds(Totp.PERIOD));
        }
        expectRedirect(afterPassword, "/");
        return client;
    }

    /** A session of people's API for the person, signed in (on first use) through {@code POST /api/v1/session}. */
    ApiCaller api(Person person) {
        return new ApiCaller(this, person);
    }

    static void expectRedirect(HttpResponse<String> response, String where) {
        if (response.statusCode() != 303 || !where.equals(WebClient.location(response))) {
            throw new AssertionError("expected a redirect to " + where + ", got " + response.statusCode() + " "
                    + WebClient.location(response) + ": " + response.body());
        }
    }

    /** An account made for a test and its TOTP secret (null: none). */
    record Person(Account account, String secret) {
    }
}
