package org.nestguard.console.server;

import org.nestguard.console.store.LatestResults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/**
 * Real headless Chromium at tablet size: a manager signs in, opens the compliance dashboard (its trend drawn as
 * SVG by the server, no script of its own) and follows the failing device to its page. Saves
 * {@code dashboard.png} and {@code device.png} under {@code console/target/screenshots/}.
 */
class BrowserDashboardTest {
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
    void aManagerOpensTheDashboardAndAFailingDevice() throws Exception {
        EnrolledDevice lab = console.enrol(console.token(1), TestConsole.facts("lab-01", "SN-LAB"));
        EnrolledDevice office = console.enrol(console.token(1), TestConsole.facts("office-02", "SN-OFFICE"));
        console.clock.advance(Duration.ofDays(6));
        Instant now = console.clock.instant();
        NetworkLocation school = DevicePagesTest.ON_PREMISES;
        long sequence = 0;
        for (int daysAgo = 5; daysAgo >= 1; daysAgo--) {
            Instant at = now.minus(Duration.ofDays(daysAgo));
            sequence++;
            checkIn(lab, school, DevicePagesTest.result(sequence, "encryption", "PASS", at),
                    DevicePagesTest.result(sequence + 100, "screen-lock", daysAgo % 2 == 0 ? "FAIL" : "PASS", at));
            checkIn(office, school, DevicePagesTest.result(sequence, "encryption", "PASS", at),
                    DevicePagesTest.result(sequence + 100, "screen-lock", "FAIL", at));
        }
        new ComplianceDayJob(console.console.settings(), new Fleets(console.console.devices(),
                new LatestResults(console.console.database())), console.console.devices(), console.console.events(),
                new ComplianceDays(console.console.database(), console.clock), console.clock).runOnce();
        fixture.person("m.jones", Role.MANAGER);

        browser.open(url("/signin"));
        browser.type("name", "m.jones");
        browser.type("password", WebFixture.PASSWORD);
        browser.click("sign-in");
        browser.waitForPath("/");
        browser.click("nav-dashboard");
        browser.waitForPath("/dashboard");
        String dashboard = browser.evaluate("document.body.innerText").asText();
        assertTrue(dashboard.contains("Failing devices and why") && dashboard.contains("office-02"), dashboard);
        assertTrue(browser.evaluate("document.querySelectorAll('#trend-screen-lock rect.day-bar').length").asInt()
                >= 5, "the trend's bars are drawn");
        assertEquals(0, browser.evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt(),
                "nothing wider than a tablet");
        shoot("dashboard.png");

        browser.evaluate("document.querySelector('#failing a').click()");
        browser.waitForPath("/devices/" + office.id());
        String device = browser.evaluate("document.body.innerText").asText();
        assertTrue(device.contains("office-02") && device.contains("screen-lock") && device.contains("FAIL")
                && device.contains("unless encrypted"), device);
        assertEquals(0, browser.evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt(),
                "nothing wider than a tablet");
        shoot("device.png");
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation on any page");
    }

    private void checkIn(EnrolledDevice device, NetworkLocation location, Event... events) throws Exception {
        var response = console.post(device.client(), AgentApi.CHECK_IN, console.json.writeValueAsString(
                new CheckIn(List.of(events), location, 1, "test")), null);
        assertEquals(200, response.statusCode(), response.body());
    }

    private String url(String path) {
        return console.uri(path).toString();
    }



    private void shoot(String name) throws Exception {
        browser.screenshot(BrowserSignInTest.SCREENSHOTS.resolve(name));
        assertTrue(Files.size(BrowserSignInTest.SCREENSHOTS.resolve(name)) > 1000, name + " is a real image");
    }
}
