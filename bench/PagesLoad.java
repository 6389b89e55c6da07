import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Totp;

/**
 * Response times of the console's pages as a person meets them (bench/pages-bench.sh runs it): signs in through
 * the sign-in pages as the seeded manager and DSL (password, then a real TOTP code), then requests each page
 * REQUESTS times one after another (a person clicks; nobody opens the same page 16 times at once), after WARMUP
 * unmeasured requests, and prints p50/p95/max. A page is measured only when it answers 200 with HTML; anything
 * else stops the run with what came back.
 *
 * The reference, measured in the same run with the same client and session: the home page, which renders the
 * layout and reads only the account's own settings.
 *
 * Usage: PagesLoad URL CA_CRT ACCOUNTS_TXT PASSWORD WARMUP REQUESTS ROLE:PATH...
 */
public final class PagesLoad {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private PagesLoad(URI base, SSLContext tls) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        SSLContext tls = trusting(Path.of(args[1]));
        Map<String, String[]> accounts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            String[] parts = line.split(" ");
            accounts.put(parts[0], parts);
        }
        String password = args[3];
        int warmup = Integer.parseInt(args[4]);
        int requests = Integer.parseInt(args[5]);
        Map<String, PagesLoad> sessions = new LinkedHashMap<>();
        for (String target : Arrays.copyOfRange(args, 6, args.length)) {
            String role = target.substring(0, target.indexOf(':'));
            String path = target.substring(target.indexOf(':') + 1);
            PagesLoad client = sessions.get(role);
            if (client == null) {
                String[] account = accounts.get(role);
                if (account == null) {
                    throw new IllegalArgumentException("no seeded account for the role " + role);
                }
                client = new PagesLoad(base, tls);
                client.signIn(account[1], password, account[2]);
                sessions.put(role, client);
            }
            client.measure("reference (home page)", role, "/", warmup, requests);
            client.measure(path, role, path, warmup, requests);
        }
        System.exit(0);
    }

    private void measure(String label, String role, String path, int warmup, int requests) throws Exception {
        long[] micros = new long[requests];
        int bytes = 0;
        for (int i = -warmup; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> page = get(path);
            long took = (System.nanoTime() - started) / 1000;
            if (page.statusCode() != 200 || !page.body().contains("<html")) {
                throw new IllegalStateException(path + " as " + role + " answered " + page.statusCode() + " "
                        + page.headers().firstValue("Location").orElse("") + ": "
                        + page.body().substring(0, Math.min(300, page.body().length())));
            }
            if (i >= 0) {
                micros[i] = took;
                bytes = page.body().length();
            }
        }
        Arrays.sort(micros);
        System.out.printf("RESULT page=%s role=%s requests=%d p50=%.1fms p95=%.1fms max=%.1fms bytes=%d%n", label,
                role, requests, micros[requests / 2] / 1000.0, micros[(int) Math.ceil(requests * 0.95) - 1] / 1000.0,
                micros[requests - 1] / 1000.0, bytes);
    }

    private void signIn(String name, String password, String secret) throws Exception {
        HttpResponse<String> form = get("/signin");
        HttpResponse<String> after = post("/signin", "csrf", csrf(form), "name", name, "password", password);
        if (!"-".equals(secret)) {
            if (!"/signin/code".equals(after.headers().firstValue("Location").orElse(""))) {
                throw new IllegalStateException("sign-in as " + name + " did not ask for a code: " + after.statusCode());
            }
            HttpResponse<String> codePage = get("/signin/code");
            // the seed used the current step's code to enrol, and a code is accepted once: wait for the next step
            Totp totp = new Totp(Clock.systemUTC());
            long step = totp.currentStep();
            while (totp.currentStep() == step) {
                Thread.sleep(500);
            }
            after = post("/signin/code", "csrf", csrf(codePage), "code",
                    Totp.code(Base32.decode(secret), totp.currentStep()));
        }
        if (after.statusCode() != 303 || !"/".equals(after.headers().firstValue("Location").orElse(""))) {
            throw new IllegalStateException("sign-in as " + name + " failed: " + after.statusCode() + " "
                    + after.body().substring(0, Math.min(300, after.body().length())));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> post(String path, String... fields) throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
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

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page: " + page.statusCode());
        }
        return m.group(1);
    }

    private static SSLContext trusting(Path caCertificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("console-ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caCertificate))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
