package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.console.server.WebFixture.expectRedirect;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.AuditEntry;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.web.SecurityHeaders;

/** Sign-in through the real pages on a real console (SQLite): every step a person meets, and every refusal. */
class SignInPagesTest {
    @TempDir
    Path data;

    TestConsole console;
    WebFixture fixture;

    @BeforeEach
    void start() throws Exception {
        console = new TestConsole(false, data);
        fixture = new WebFixture(console);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void aNewDslChangesTheOneTimePasswordSetsUpTotpAndEachCodeWorksOnce() throws Exception {
        String oneTime = fixture.accounts.add("r.patel", List.of(new Grant(Role.DSL, TestConsole.SETTING),
                new Grant(Role.TECHNICAL, null)), null, Accounts.COMMAND_LINE).oneTimePassword();
        WebClient browser = new WebClient(console);
        HttpResponse<String> form = browser.get("/signin");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("<label for=\"name\">") && form.body().contains("<label for=\"password\">"));
        HttpResponse<String> signedIn = browser.post("/signin", "csrf", WebClient.csrf(form), "name", "r.patel",
                "password", oneTime);
        expectRedirect(signedIn, "/signin/new-password");
        String cookie = browser.lastSetCookies.stream().filter(c -> c.startsWith("__Host-nestguard-session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict")
                && cookie.contains("Path=/"), cookie);
        assertTrue(browser.cookies.get("__Host-nestguard-session").length() >= 43, "256 random bits");

        // nothing else opens until the password is changed
        expectRedirect(browser.get("/"), "/signin/new-password");
        HttpResponse<String> page = browser.get("/signin/new-password");
        String csrf = WebClient.csrf(page);
        HttpResponse<String> mismatch = browser.post("/signin/new-password", "csrf", csrf, "password",
                "the new password one", "confirm", "the new password two");
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("not the same"), mismatch.body());
        HttpResponse<String> tooShort = browser.post("/signin/new-password", "csrf", csrf, "password", "short",
                "confirm", "short");
        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.body().contains("at least 12 characters"), tooShort.body());
        expectRedirect(browser.post("/signin/new-password", "csrf", csrf, "password", "my own long password",
                "confirm", "my own long password"), "/signin/authenticator");

        // a DSL must set up TOTP: the secret is shown as text and as an otpauth URI
        HttpResponse<String> enrolPage = browser.get("/signin/authenticator");
        Matcher secretField = Pattern.compile("name=\"secret\" value=\"([A-Z2-7]{32})\"").matcher(enrolPage.body());
        assertTrue(secretField.find(), enrolPage.body());
        String secret = secretField.group(1);
        assertTrue(enrolPage.body().contains("otpauth://totp/Nestguard%3Ar.patel?secret=" + secret));
        HttpResponse<String> wrong = browser.post("/signin/authenticator", "csrf", csrf, "secret", secret, "code",
                wrongCode(secret));
        assertEquals(401, wrong.statusCode());
        String code = fixture.codeNow(secret);
        expectRedirect(browser.post("/signin/authenticator", "csrf", csrf, "secret", secret, "code", code), "/");
        HttpResponse<String> home = browser.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Welcome, r.patel"), home.body());
        assertTrue(home.body().contains("dsl") && home.body().contains("technical")
                && home.body().contains("Every setting"), home.body());

        // sign out ends the session on the server: the old cookie no longer opens anything
        String oldCookie = browser.cookies.get("__Host-nestguard-session");
        expectRedirect(browser.post("/signout", "csrf", WebClient.csrf(home)), "/signin");
        WebClient replay = new WebClient(console);
        replay.cookies.put("__Host-nestguard-session", oldCookie);
        expectRedirect(replay.get("/"), "/signin");

        // next time the code is asked for after the password; the code used at enrolment is refused
        WebClient again = new WebClient(console);
        HttpResponse<String> form2 = again.get("/signin");
        expectRedirect(again.post("/signin", "csrf", WebClient.csrf(form2), "name", "r.patel", "password",
                "my own long password"), "/signin/code");
        HttpResponse<String> codePage = again.get("/signin/code");
        HttpResponse<String> reused = again.post("/signin/code", "csrf", WebClient.csrf(codePage), "code", code);
        assertEquals(401, reused.statusCode());
        assertTrue(reused.body().contains("used already"), reused.body());
        console.clock.advance(Duration.ofSeconds(Totp.PERIOD));
        expectRedirect(again.post("/signin/code", "csrf", WebClient.csrf(codePage), "code",
                fixture.codeNow(secret)), "/");

        List<String> actions = console.console.audit().read(Accounts.COMMAND_LINE, null, null, 200, null).entries()
                .stream().map(AuditEntry::action).toList();
        assertTrue(actions.containsAll(List.of("account.add", "account.password-changed", "account.totp-enrolled",
                "sign-in", "sign-out", "sign-in.totp-failed")), actions.toString());
        assertTrue(console.console.audit().verify().intact());
    }

    @Test
    void repeatedFailuresLockTheNameForAWhileAndSayHowLongWithoutSayingWhetherItExists() throws Exception {
        WebFixture.Person person = fixture.person("k.okafor", Role.MANAGER);
        String realName = lockOut(person.account().name());
        String unknownName = lockOut("nobody.here");
        assertEquals(realName.replace("k.okafor", "NAME"), unknownName.replace("nobody.here", "NAME"),
                "a lockout reads the same for a name that is no account");
        assertTrue(realName.contains("paused until") && realName.contains("about 15 minutes"), realName);

        WebClient browser = new WebClient(console);
        HttpResponse<String> form = browser.get("/signin");
        HttpResponse<String> locked = browser.post("/signin", "csrf", WebClient.csrf(form), "name", "k.okafor",
                "password", WebFixture.PASSWORD);
        assertEquals(429, locked.statusCode(), "the right password does not get through a lockout");
        console.clock.advance(SignInThrottle.LOCKOUT.plusSeconds(1));
        fixture.signIn(person);
    }

    private String lockOut(String name) throws Exception {
        WebClient browser = new WebClient(console);
        HttpResponse<String> last = null;
        for (int i = 1; i <= SignInThrottle.ACCOUNT_LIMIT; i++) {
            HttpResponse<String> form = browser.get("/signin");
            last = browser.post("/signin", "csrf", WebClient.csrf(form), "name", name, "password",
                    "not the password " + i);
            assertEquals(i < SignInThrottle.ACCOUNT_LIMIT ? 401 : 429, last.statusCode(), "attempt " + i);
        }
        Matcher error = Pattern.compile("id=\"error\">([^<]+)<").matcher(last.body());
        assertTrue(error.find(), last.body());
        return error.group(1);
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefusedAndChangeNothing() throws Exception {
        WebFixture.Person person = fixture.person("t.nguyen", Role.TECHNICAL);
        WebClient stranger = new WebClient(console);
        HttpResponse<String> noCookie = stranger.post("/signin", "csrf", "made-up", "name", "t.nguyen",
                "password", WebFixture.PASSWORD);
        assertEquals(403, noCookie.statusCode(), "sign-in form not from our page");
        assertFalse(stranger.cookies.containsKey("__Host-nestguard-session"));

        WebClient browser = fixture.signIn(person);
        HttpResponse<String> missing = browser.post("/signout");
        assertEquals(403, missing.statusCode());
        assertTrue(missing.body().contains("Nothing was changed"), missing.body());
        HttpResponse<String> forged = browser.post("/signout", "csrf", "forged");
        assertEquals(403, forged.statusCode());
        assertEquals(200, browser.get("/").statusCode(), "still signed in: neither request signed out");
    }

    @Test
    void everyPageCarriesTheContentSecurityPolicyAndAssetsComeFromTheConsole() throws Exception {
        WebClient browser = new WebClient(console);
        HttpResponse<String> form = browser.get("/signin");
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, form.headers().firstValue("Content-Security-Policy")
                .orElseThrow());
        assertFalse(form.body().contains("<script>") || form.body().contains("style=") || form.body().contains("//cdn"),
                "no inline script or style, no CDN");
        Matcher script = Pattern.compile("<script src=\"(/webjars/htmx.org/[^\"]+)\"").matcher(form.body());
        assertTrue(script.find(), form.body());
        HttpResponse<String> htmx = browser.get(script.group(1));
        assertEquals(200, htmx.statusCode());
        assertTrue(htmx.body().contains("htmx"), "the real htmx");
        HttpResponse<String> missing = browser.get("/no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("There is no page at /no-such-page"), missing.body());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<String> api = browser.get("/api/agent/v1/no-such-route");
        assertTrue(api.body().contains("\"not-found\""), "the API still answers in JSON: " + api.body());
        HttpResponse<String> css = browser.get("/static/nestguard.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void aResetOrDisableEndsSessionsAndAResetForcesANewPassword() throws Exception {
        WebFixture.Person person = fixture.person("m.jones", Role.HEADTEACHER);
        WebClient browser = fixture.signIn(person);
        String oneTime = fixture.accounts.resetPassword("m.jones", false, Accounts.COMMAND_LINE);
        expectRedirect(browser.get("/"), "/signin");
        WebClient next = new WebClient(console);
        HttpResponse<String> form = next.get("/signin");
        expectRedirect(next.post("/signin", "csrf", WebClient.csrf(form), "name", "m.jones", "password", oneTime),
                "/signin/new-password");
        fixture.accounts.disable("m.jones", Accounts.COMMAND_LINE);
        expectRedirect(next.get("/signin/new-password"), "/signin");
        HttpResponse<String> form2 = next.get("/signin");
        assertEquals(401, next.post("/signin", "csrf", WebClient.csrf(form2), "name", "m.jones", "password",
                oneTime).statusCode(), "a disabled account cannot sign in");
    }

    @Test
    void anIdleSessionEnds() throws Exception {
        WebClient browser = fixture.signIn(fixture.person("a.idle", Role.MANAGER));
        console.clock.advance(Duration.ofMinutes(29));
        assertEquals(200, browser.get("/").statusCode());
        console.clock.advance(Duration.ofMinutes(31));
        expectRedirect(browser.get("/"), "/signin");
    }

    private static String wrongCode(String secret) {
        // a code from far outside the accepted window
        return Totp.code(Base32.decode(secret), 1);
    }
}
