package org.nestguard.console.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser stand-in for page tests: keeps the cookies the console sets (as a browser would, by name), sends
 * forms, and never follows redirects so each test sees where it is sent.
 */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final TestConsole console;
    private final HttpClient http;
    final Map<String, String> cookies = new LinkedHashMap<>();
    /** The Set-Cookie headers of the last response, for checking their attributes. */
    List<String> lastSetCookies = List.of();

    WebClient(TestConsole console) {
        this.console = console;
        this.http = console.enrolmentClient();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(console.uri(path)).GET());
    }

    /** Posts the fields as a form, in order (a name may repeat, as ticked boxes do); a null value is left out. */
    HttpResponse<String> post(String path, String... namesAndValues) throws IOException, InterruptedException {
        List<String> fields = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        String body = String.join("&", fields);
        return send(HttpRequest.newBuilder(console.uri(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A call to people's JSON API with this browser's session cookie, as a script using the pages' session would:
     * the body (null: none) as JSON, and the CSRF token (null: none) in the X-CSRF-Token header.
     */
    HttpResponse<String> api(String method, String path, String json, String csrfToken) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.uri(path)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        lastSetCookies = response.headers().allValues("Set-Cookie");
        for (String header : lastSetCookies) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    /** The CSRF token in the page's first form. */
    static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF field on the page: " + page.body());
        }
        return matcher.group(1);
    }

    /** Where a redirect sends the browser. */
    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse(null);
    }

    URI uri(String path) {
        return console.uri(path);
    }
}
