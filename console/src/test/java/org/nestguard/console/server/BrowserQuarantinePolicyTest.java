package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.server.FlaggedFilesFixture.Sealed;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;

/**
 * Real headless Chromium at tablet size: technical staff propose a policy change, a DSL reads its diff and
 * approves it (and it is queued for the device), then opens a quarantine item. Screenshots {@code policy-diff.png}
 * and {@code quarantine.png} under {@code console/target/screenshots/}.
 */
class BrowserQuarantinePolicyTest {
    private static final int TABLET_WIDTH = 820;
    private static final int TABLET_HEIGHT = 1180;
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void technicalStaffProposeADslApprovesThenOpensAQuarantineItem() throws Exception {
        TestConsole.EnrolledDevice device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        Sealed sealed = FlaggedFilesFixture.seal("pupil-amy", "photo.jpg", "not for the console"
                .getBytes(StandardCharsets.UTF_8), console.console.evidenceKey().publicKey());
        assertEquals(200, console.post(device.client(), AgentApi.CHECK_IN, console.json.writeValueAsString(
                new CheckIn(List.of(FlaggedFilesFixture.flagged(1, sealed), FlaggedFilesFixture.isolated(2, sealed,
                        null)), null, 1, "test")), null).statusCode());
        fixture.person("t.tech", Role.TECHNICAL);
        WebFixture.Person dsl = fixture.person("s.ahmed", Role.DSL);
        int before = console.console.settings().find(TestConsole.SETTING).orElseThrow().policyVersion();

        signIn("t.tech", null);
        browser.open(url("/policies/edit"));
        browser.evaluate("document.getElementById('yaml').value = document.getElementById('yaml').value"
                + ".replace('  maxIdle: PT5M', '  maxIdle: PT4M')");
        browser.type("reason", "Ofsted asked for a shorter screen lock");
        browser.click("propose");
        String proposal = browser.waitForPathStarting("/policies/proposals/");
        assertTrue(browser.text().contains("waiting"), browser.text());
        browser.click("sign-out");
        browser.waitForPath("/signin");

        signIn("s.ahmed", dsl);
        browser.open(url(proposal));
        String page = browser.text();
        assertTrue(page.contains("maxIdle: PT5M") && page.contains("maxIdle: PT4M")
                && page.contains("Ofsted asked for a shorter screen lock"), page);
        assertNoOverflow();
        shoot("policy-diff.png");
        browser.type("approve-note", "agreed at the safeguarding meeting");
        browser.click("approve");
        // the page reloads at the same path: wait for what the new one says
        browser.waitForText("Approved: the policy is now version " + (before + 1));
        assertEquals(1, console.console.commands().pending(device.id()).stream()
                .filter(command -> command.type().equals(PolicyPublisher.UPDATE_POLICY)).count());

        browser.click("nav-quarantine");
        browser.waitForPath("/quarantine");
        assertTrue(browser.text().contains("/home/pupil-amy/Downloads/photo.jpg"), browser.text());
        browser.evaluate("document.querySelector('#items a').click()");
        browser.waitForPathStarting("/quarantine/");
        String item = browser.text();
        assertTrue(item.contains("SHA-256") && item.contains(sealed.item().facts().sha256()), item);
        assertEquals(0, browser.evaluate("document.querySelectorAll('img, video, canvas, object, embed, iframe')"
                + ".length").asInt(), "no preview of any kind");
        assertFalse(item.contains("not for the console"));
        assertNoOverflow();
        shoot("quarantine.png");
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation on any page");
    }

    private void signIn(String name, WebFixture.Person person) throws Exception {
        browser.open(url("/signin"));
        browser.type("name", name);
        browser.type("password", WebFixture.PASSWORD);
        browser.click("sign-in");
        if (person != null && person.secret() != null) {
            browser.waitForPath("/signin/code");
            browser.type("code", fixture.codeNow(person.secret()));
            browser.click("verify");
            console.clock.advance(java.time.Duration.ofSeconds(org.nestguard.console.auth.Totp.PERIOD));
        }
        browser.waitForPath("/");
    }



    private void assertNoOverflow() throws Exception {
        assertEquals(0, browser.evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt(),
                "nothing wider than a tablet");
    }


    private String url(String path) {
        return console.uri(path).toString();
    }



    private void shoot(String name) throws Exception {
        Path file = BrowserSignInTest.SCREENSHOTS.resolve(name);
        browser.screenshot(file);
        assertTrue(Files.size(file) > 1000, name + " is a real image");
    }
}
