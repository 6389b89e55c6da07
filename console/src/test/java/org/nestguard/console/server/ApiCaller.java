package org.nestguard.console.server;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.web.SessionCookie;

/**
 * A script calling people's API in a test, as a real one would: it signs in with {@code POST /api/v1/session}
 * (name, password and a real TOTP code), sends the session cookie back, puts the CSRF token on state-changing
 * calls, and signs in again when the console says the session has ended (tests move the clock by days).
 */
final class ApiCaller {
    private final WebFixture fixture;
    final WebFixture.Person person;
    private String cookie;
    private String csrfToken;

    ApiCaller(WebFixture fixture, WebFixture.Person person) {
        this.fixture = fixture;
        this.person = person;
    }

    /** Signs in afresh, with the current code when the account has an authenticator. */
    void signIn() throws IOException, InterruptedException {
        HttpResponse<String> response = signInRaw(fixture.console, person.account().name(), WebFixture.PASSWORD,
                person.secret() == null ? null : fixture.codeNow(person.secret()));
        if (person.secret() != null) {
            fixture.console.clock.advance(Duration.ofSeconds(Totp.PERIOD)); // a code is accepted once
        }
        if (response.statusCode() != 201) {
            throw new AssertionError("API sign-in refused for " + person.account().name() + ": "
                    + response.statusCode() + " " + response.body());
        }
        cookie = sessionCookie(response);
        csrfToken = fixture.console.json.readTree(response.body()).get("csrfToken").asText();
    }

    /** {@code POST /api/v1/session} with these fields (a null one left out), as sent by a script. */
    static HttpResponse<String> signInRaw(TestConsole console, String name, String password, String code)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("password", password);
        if (code != null) {
            fields.put("code", code);
        }
        return console.enrolmentClient().send(HttpRequest.newBuilder(console.uri("/api/v1/session"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(console.json.writeValueAsString(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie's value in the answer's Set-Cookie, or an assertion error. */
    static String sessionCookie(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(SessionCookie.SESSION + "=") && !header.contains("Max-Age=0")) {
                return header.substring(SessionCookie.SESSION.length() + 1, header.indexOf(';'));
            }
        }
        throw new AssertionError("no session cookie in " + response.headers().allValues("Set-Cookie"));
    }

    /** Sends the request with this session (signing in first if need be), and again once if it had ended. */
    <T> HttpResponse<T> send(java.net.http.HttpClient client, HttpRequest.Builder request,
                             HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        if (cookie == null) {
            signIn();
        }
        HttpResponse<T> response = client.send(authorised(request).build(), body);
        if (response.statusCode() == 401) {
            signIn();
            response = client.send(authorised(request).build(), body);
        }
        return response;
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return request.setHeader("Cookie", SessionCookie.SESSION + "=" + cookie).setHeader("X-CSRF-Token",
                csrfToken);
    }

    /** The CSRF token of the current session (signing in first if need be). */
    String csrfToken() throws IOException, InterruptedException {
        if (cookie == null) {
            signIn();
        }
        return csrfToken;
    }

    /** The cookie of the current session (signing in first if need be). */
    String cookie() throws IOException, InterruptedException {
        if (cookie == null) {
            signIn();
        }
        return cookie;
    }
}
