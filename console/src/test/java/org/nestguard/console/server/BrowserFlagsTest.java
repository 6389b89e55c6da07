package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.store.FlagQuery;
import org.nestguard.console.store.FlagSummary;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.protocol.monitoring.Severity;

/**
 * Real headless Chromium at tablet size: a DSL signs in with password and TOTP, opens the flag queue, marks one flag
 * a false positive with a reason, escalates another into a new concern and adds an action to its record. Saves
 * {@code flag-queue.png}, {@code flag.png} and {@code case.png} under {@code console/target/screenshots/}.
 */
class BrowserFlagsTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int TABLET_WIDTH = 820;
    private static final int TABLET_HEIGHT = 1180;
    private static final String SELF_HARM = "https://forum.self-harm.example/thread/42";
    private static final String GAMING = "https://games.example/play";

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
        TestConsole.EnrolledDevice device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        AgentCheckIn.send(console, device,
                MonitoringFixture.flag(1, "a1", MonitoringFixture.learner(1, SELF_HARM), Severity.CRITICAL,
                        "self-harm"),
                MonitoringFixture.flag(2, "a2", MonitoringFixture.learner(5, GAMING), Severity.LOW, "gaming"));
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
    void aDslMarksAFalsePositiveEscalatesAFlagAndRecordsAnAction() throws Exception {
        WebFixture.Person dsl = fixture.person("r.campbell", Role.DSL);
        Person acting = dsl.account().actingIn(TestConsole.SETTING);
        List<FlagSummary> flags = console.console.flags().queue(acting, new FlagQuery(null, null, null, null, null,
                10, null)).flags();
        String selfHarm = flags.stream().filter(f -> f.visit().url().equals(SELF_HARM)).findFirst().orElseThrow()
                .id();
        String gaming = flags.stream().filter(f -> f.visit().url().equals(GAMING)).findFirst().orElseThrow().id();

        browser.open(url("/signin"));
        browser.type("name", "r.campbell");
        browser.type("password", WebFixture.PASSWORD);
        browser.click("sign-in");
        browser.waitForPath("/signin/code");
        browser.type("code", fixture.codeNow(dsl.secret()));
        browser.click("verify");
        browser.waitForPath("/");

        browser.click("nav-flags");
        browser.waitForPath("/flags");
        String queue = browser.text();
        assertTrue(queue.contains(SELF_HARM) && queue.contains(GAMING), queue);
        assertEquals(0, browser.evaluate("document.querySelectorAll('a[href^=\"http\"]').length").asInt(),
                "no URL from a device is a link");
        assertNarrow();
        shoot("flag-queue.png");

        browser.click("open-" + gaming);
        browser.waitForPath("/flags/" + gaming);
        browser.type("false-positive-reason", "games.example is the maths game site of the school");
        browser.click("mark-false-positive");
        browser.waitForText("new → false-positive");

        browser.open(url("/flags/" + selfHarm));
        assertNarrow();
        shoot("flag.png");
        browser.type("escalate-reason", "Repeated self-harm searches: speak to pupil1 today");
        browser.type("escalate-title", "pupil1: self-harm searches");
        browser.click("escalate");
        String casePath = browser.waitForPathStarting("/cases/");
        browser.type("entry-detail", "Spoke to pupil1 with the class teacher; parents to be called");
        browser.click("add-entry-button");
        browser.waitForText("#1 Action taken");
        browser.waitForPath(casePath);
        String record = browser.text();
        assertTrue(record.contains("pupil1: self-harm searches") && record.contains("#1 Action taken")
                && record.contains("Spoke to pupil1 with the class teacher"), record);
        assertNarrow();
        shoot("case.png");
        assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation on any page");
    }



    private void assertNarrow() throws Exception {
        assertEquals(0, browser.evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt(),
                "nothing wider than a tablet");
    }


    private String url(String path) {
        return console.uri(path).toString();
    }



    private void shoot(String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name));
        assertTrue(Files.size(SCREENSHOTS.resolve(name)) > 1000, name + " is a real image");
    }
}
