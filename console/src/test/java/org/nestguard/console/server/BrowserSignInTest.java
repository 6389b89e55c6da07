package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.Accounts;

/**
 * Real headless Chromium against a real console, at tablet size: a DSL signs in with password and TOTP, sees the
 * home page and signs out; a new account changes its one-time password and sets up its authenticator. Each page
 * is saved under {@code console/target/screenshots/}.
 */
class BrowserSignInTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int TABLET_WIDTH = 820;
    private static final int TABLET_HEIGHT = 1180;

    @TempDir
    Path data;

    TestConsole console;
    WebFixture fixture;
    HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        browser = HeadlessChromium.startOrSkip(TABLET_WIDTH, TABLET_HEIGHT);
        console = new TestConsole(false, data);
        fixture = new WebFixture(console);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aDslSignsInWithPasswordAndTotpSeesTheHomePageAndSignsOut() throws Exception {
        WebFixture.Person dsl = fixture.person("s.ahmed", Role.DSL);
        browser.open(url("/signin"));
        assertEquals("object", browser.evaluate("typeof htmx").asText(),
                "htmx loads from the WebJar under the Content-Security-Policy");
        assertEquals(TABLET_WIDTH, browser.evaluate("window.innerWidth").asInt());
        shoot("signin.png");

        browser.type("name", "s.ahmed");
        browser.type("password", WebFixture.PASSWORD);
        browser.click("sign-in");
        browser.waitForPath("/signin/code");
        shoot("signin-code.png");

        browser.type("code", fixture.codeNow(dsl.secret()));
        browser.click("verify");
        browser.waitForPath("/");
        String home = browser.evaluate("document.body.innerText").asText();
        assertTrue(home.contains("Welcome, s.ahmed") && home.contains("dsl"), home);
        assertTrue(!home.contains("Accounts"), "a DSL's navigation has no Accounts link: " + home);
        assertEquals(0, browser.evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt(),
                "nothing wider than a tablet");
        shoot("home.png");

        browser.click("sign-out");
        browser.waitForPath("/signin");
        assertEquals("", browser.evaluate("document.cookie").asText(), "the session cookie is HttpOnly");
        browser.open(url("/"), "/signin");
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation on any page");
    }

    @Test
    void aNewAccountChangesItsOneTimePasswordAndSetsUpItsAuthenticator() throws Exception {
        String oneTime = fixture.accounts.add("l.brown", List.of(new Grant(Role.DEPUTY_DSL, TestConsole.SETTING),
                new Grant(Role.ADMIN, null)), null, Accounts.COMMAND_LINE).oneTimePassword();
        browser.open(url("/signin"));
        browser.type("name", "l.brown");
        browser.type("password", oneTime);
        browser.click("sign-in");
        browser.waitForPath("/signin/new-password");
        shoot("new-password.png");
        browser.type("password", "a password of my own");
        browser.type("confirm", "a password of my own");
        browser.click("save-password");
        browser.waitForPath("/signin/authenticator");
        shoot("authenticator.png");

        String secret = browser.evaluate("document.querySelector('input[name=secret]').value").asText();
        String shown = browser.evaluate("document.getElementById('secret').innerText").asText();
        assertEquals(secret, shown.replace(" ", ""), "the key is shown as text");
        console.clock.advance(Duration.ofSeconds(Totp.PERIOD));
        browser.type("code", fixture.codeNow(secret));
        browser.click("enrol");
        browser.waitForPath("/");
        String home = browser.evaluate("document.body.innerText").asText();
        assertTrue(home.contains("deputy-dsl") && home.contains("Every setting"), home);
        browser.click("nav-accounts");
        browser.waitForPath("/accounts");
        shoot("accounts.png");
        assertTrue(browser.evaluate("document.body.innerText").asText().contains("set up"));
        assertEquals(browser.evaluate("document.querySelector('input[name=csrf]').value").asText(),
                browser.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token']").asText(),
                "htmx requests carry the session's CSRF token");
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation on any page");
    }

    private String url(String path) {
        return console.uri(path).toString();
    }



    private void shoot(String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name));
        assertTrue(Files.size(SCREENSHOTS.resolve(name)) > 1000, name + " is a real image");
    }
}
