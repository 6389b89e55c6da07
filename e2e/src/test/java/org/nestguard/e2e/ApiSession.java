package org.nestguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Totp;

/**
 * A person's session of people's API in the end-to-end tests, made as a person would make it: an account from
 * {@code account add --password-stdin}; when the console says the account must set up an authenticator, set up
 * through the sign-in pages with a code computed from the key the page shows; then signed in with
 * {@code POST /api/v1/session} and a real code. Calls send the cookie back, and the CSRF token on changes.
 */
final class ApiSession {
    static final String PASSWORD = "an end-to-end test password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("name=\"secret\" value=\"([^\"]+)\"");
    private static final String SESSION = "__Host-nestguard-session";
    private static final String SIGN_IN_FORM = "__Host-nestguard-signin";

    private final String cookie;
    private final String csrfToken;

    private ApiSession(String cookie, String csrfToken) {
        this.cookie = cookie;
        this.csrfToken = csrfToken;
    }

    /** Signs the account in, setting up its authenticator through the pages first if the console asks for it. */
    static ApiSession signIn(HttpClient client, String url, String name) throws IOException, InterruptedException {
        HttpResponse<String> answer = post(client, url, name, null);
        if (answer.statusCode() == 403 && answer.body().contains("totp-enrolment-required")) {
            String secret = enrolThroughThePages(client, url, name);
            // the pages used this step's code, and a code counts once: the authenticator's next one is accepted
            // (the console allows a step of clock drift), so the test need not wait half a minute
            answer = post(client, url, name, Totp.code(Base32.decode(secret),
                    new Totp(Clock.systemUTC()).currentStep() + 1));
        }
        if (answer.statusCode() != 201) {
            throw new AssertionError("API sign-in refused for " + name + ": " + answer.statusCode() + " "
                    + answer.body());
        }
        return new ApiSession(cookie(answer, SESSION), JSON.readTree(answer.body()).get("csrfToken").asText());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String name, String code)
            throws IOException, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("password", PASSWORD);
        if (code != null) {
            body.put("code", code);
        }
        return client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // sign-in page, password, then the authenticator page: its key gives the code that turns it on
    private static String enrolThroughThePages(HttpClient client, String url, String name) throws IOException,
            InterruptedException {
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(url + "/signin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> password = client.send(form(url + "/signin", SIGN_IN_FORM + "="
                + cookie(form, SIGN_IN_FORM), Map.of("csrf", field(CSRF, form), "name", name, "password", PASSWORD)),
                HttpResponse.BodyHandlers.ofString());
        expectRedirect(password, "/signin/authenticator");
        String session = SESSION + "=" + cookie(password, SESSION);
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url + "/signin/authenticator"))
                .header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
        String secret = field(SECRET, page);
        String code = Totp.code(Base32.decode(secret), new Totp(Clock.systemUTC()).currentStep());
        HttpResponse<String> enrolled = client.send(form(url + "/signin/authenticator", session, Map.of("csrf",
                field(CSRF, page), "secret", secret, "code", code)), HttpResponse.BodyHandlers.ofString());
        expectRedirect(enrolled, "/");
        return secret;
    }

    private static HttpRequest form(String address, String cookie, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(address)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void expectRedirect(HttpResponse<String> response, String where) {
        if (response.statusCode() != 303 || !where.equals(response.headers().firstValue("Location").orElse(null))) {
            throw new AssertionError("expected a redirect to " + where + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String field(Pattern pattern, HttpResponse<String> page) {
        Matcher matcher = pattern.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " on the page: " + page.body());
        }
        return matcher.group(1);
    }

    private static String cookie(HttpResponse<String> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=") && !header.contains("Max-Age=0")) {
                return header.substring(name.length() + 1, header.indexOf(';'));
            }
        }
        throw new AssertionError("no " + name + " cookie in " + response.headers().allValues("Set-Cookie"));
    }

    /** The request with this session's cookie and CSRF token. */
    HttpRequest.Builder authorise(HttpRequest.Builder request) {
        return request.header("Cookie", SESSION + "=" + cookie).header("X-CSRF-Token", csrfToken);
    }

    JsonNode tree(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
