package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

/**
 * Real headless Chromium at tablet size: a DSL opens the governor summary from the Reports page, an administrator
 * the audit log and its chain check; no Content-Security-Policy violation, nothing wider than the screen. The
 * pages are saved as {@code governor-summary.png} and {@code audit.png} under {@code console/target/screenshots/}.
 */
class BrowserReportsTest {
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
    void aDslOpensTheGovernorSummaryAndAnAdministratorTheAuditLog() throws Exception {
        TestConsole.EnrolledDevice device = console.enrol(console.token(1), TestConsole.facts("hall-1", "SN-H1"));
        Visit visit = new Visit(console.clock.instant().minus(Duration.ofMinutes(5)), "https://casino.example/",
                "A page", "chrome", "Default", "pupil.jones", AccountKind.LEARNER, "link", null);
        console.console.checkIns().record(device.id(), List.of(MonitoringFixture.flag(1, "bet-1", visit,
                Severity.MEDIUM, "gambling")), "127.0.0.1", null, 1000);

        WebFixture.Person dsl = fixture.person("ruth.dsl", Role.DSL);
        signIn(dsl);
        browser.click("nav-reports");
        browser.waitForPath("/reports");
        browser.click("report-governors");
        browser.waitForPath("/reports/governors");
        String summary = browser.text();
        assertTrue(summary.contains("Termly governor summary") && summary.contains("fewer than 5"), summary);
        assertFalse(summary.contains("pupil.jones") || summary.contains("hall-1") || summary.contains("casino"),
                summary);
        assertNarrow();
        shoot("governor-summary.png");
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation");
        browser.click("sign-out");
        browser.waitForPath("/signin");

        WebFixture.Person admin = fixture.person("ada.admin", Role.ADMIN);
        signIn(admin);
        browser.click("nav-audit");
        browser.waitForPath("/audit");
        String log = browser.text();
        assertTrue(log.contains("governor-summary.read") && log.contains("ruth.dsl"), log);
        shoot("audit.png");
        browser.click("verify");
        browser.waitForPath("/audit/verify");
        assertTrue(browser.text().contains("Intact."), browser.text());
        assertNarrow();
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation");
    }

    private void signIn(WebFixture.Person person) throws Exception {
        browser.open(console.uri("/signin").toString());
        browser.type("name", person.account().name());
        browser.type("password", WebFixture.PASSWORD);
        browser.click("sign-in");
        browser.waitForPath("/signin/code");
        browser.type("code", fixture.codeNow(person.secret()));
        browser.click("verify");
        browser.waitForPath("/");
        console.clock.advance(Duration.ofSeconds(Totp.PERIOD));
    }


    private void assertNarrow() throws Exception {
        assertEquals(0, browser.evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt(),
                "nothing wider than a tablet");
    }



    private void shoot(String name) throws Exception {
        Path file = BrowserSignInTest.SCREENSHOTS.resolve(name);
        browser.screenshot(file);
        assertTrue(Files.size(file) > 1000, name + " is a real image");
    }
}
