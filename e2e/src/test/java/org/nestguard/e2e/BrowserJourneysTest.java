package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.server.HeadlessChromium;

/**
 * The issue's browser journeys, in real headless Chromium at tablet size, against the real console process with
 * data from real agent check-ins: the agent reads a learner's Chromium history (a local account made with
 * useradd, in the policy's learner group) and its own checks, and uploads them; then
 * <ul>
 *   <li>a DSL signs in for the first time, sets up TOTP, reviews the flags, marks one false positive with a reason
 *       and escalates the other into a concern;</li>
 *   <li>a manager sees the dashboard and a failing device's policy clause;</li>
 *   <li>a technical user creates an enrolment token (a second agent enrols with it) and revokes that device, which
 *       the console then refuses;</li>
 *   <li>a technical user proposes a policy change, it waits for approval, a DSL approves it, and it reaches the
 *       agent at its next check-in.</li>
 * </ul>
 * Screenshots go to {@code e2e/target/screenshots/}.
 */
class BrowserJourneysTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "journeys password 2026";
    private static final String GAMBLING = "https://www.bet365.com/#/AS/B1/";
    private static final String GAMBLING_TITLE = "Sports Betting and Casino Offers";
    private static final String SELF_HARM = "https://www.google.co.uk/search?q=how+to+self+harm+without+anyone+knowing";
    private static final Pattern TOKEN = Pattern.compile("\\b([A-Za-z0-9_-]{20,})\\b");

    @TempDir
    Path dir;

    private HeadlessChromium browser;
    private RunningConsole console;

    @Test
    void peopleDoTheirWorkInTheConsoleOnDataFromRealAgents() throws Exception {
        Assumptions.assumeTrue(isRoot(), "not root: this test creates a disposable learner account with useradd, "
                + "whose browser history the agent reads; it runs in CI as root");
        browser = HeadlessChromium.startOrSkip(820, 1180);
        String learner = "ngj" + (100000 + new SecureRandom().nextInt(900000));
        run("groupadd", "-f", "pupils");
        run("useradd", "-m", "-s", "/bin/sh", "-G", "pupils", learner);
        try {
            Path home = Path.of(runOut("getent", "passwd", learner).split(":")[5]);
            writeHistory(home, learner);

            Fleet fleet = new Fleet(dir, Stores.SQLITE.open(dir));
            fleet.importPolicy(fleet.writePolicy(dir, Fleet.MONITORING_POLICY));
            try (RunningConsole started = fleet.serve()) {
                console = started;
                String device = fleet.enrol(console, "e2e-school");
                Processes.Finished first = fleet.runOnce();
                assertEquals(0, first.exit(), first.toString());
                addAccount(fleet, "dee.dsl", "dsl@e2e-school");
                addAccount(fleet, "tess.tech", "technical@e2e-school");
                addAccount(fleet, "max.manager", "manager@e2e-school");

                String dslSecret = firstSignIn("dee.dsl", true);
                dslReviewsFlags(learner);
                signOut();

                // technical staff: a token, a second device enrolled with it, revoked from its page
                firstSignIn("tess.tech", false);
                technicalEnrolsAndRevokes(fleet);
                // and a policy change, which waits for approval
                String proposal = technicalProposesAPolicyChange();
                signOut();

                signIn("dee.dsl", dslSecret);
                open("/policies/proposals/" + proposal);
                assertTrue(browser.text().contains("waiting"), "the change waits for approval: " + browser.text());
                browser.type("approve-note", "Agreed at the safeguarding meeting");
                browser.click("approve");
                browser.waitForText("published as version 2");
                shoot("journey-policy-approved.png");
                signOut();
                Processes.Finished second = fleet.runOnce();
                assertEquals(0, second.exit(), second.toString());
                String policy = Files.readString(fleet.agentData.resolve("policy.yaml"));
                assertTrue(policy.contains("Journeys: this device is monitored."),
                        "the approved policy reached the agent: " + policy);

                firstSignIn("max.manager", false);
                managerSeesTheDashboard(device);
                assertEquals(List.of(), browser.securityMessages(), "no Content-Security-Policy violation");
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
            run("userdel", "-r", learner);
        }
    }

    private void dslReviewsFlags(String learner) throws Exception {
        browser.click("nav-flags");
        browser.waitForPath("/flags");
        String queue = browser.text();
        assertTrue(queue.contains("bet365.com") && queue.contains("self harm"), "both flags from the agent: " + queue);
        assertTrue(queue.contains(learner), "the learner's account: " + queue);
        assertEquals(0, browser.evaluate("document.querySelectorAll('a[href^=\"http\"]').length").asInt(),
                "no URL from a device is a link");
        shoot("journey-flag-queue.png");
        String gambling = flagIdOf("bet365.com");
        String selfHarm = flagIdOf("self+harm");

        open("/flags/" + gambling);
        browser.type("false-positive-reason", "Football results page for the PE project; no betting");
        browser.click("mark-false-positive");
        browser.waitForText("false-positive");

        open("/flags/" + selfHarm);
        browser.type("escalate-reason", "Searched how to self harm: speak to the pupil today");
        browser.type("escalate-title", learner + ": self-harm search");
        browser.click("escalate");
        browser.waitForPathStarting("/cases/");
        String record = browser.text();
        assertTrue(record.contains(learner + ": self-harm search"), record);
        shoot("journey-case.png");
        open("/flags?state=new");
        assertFalse(browser.text().contains("bet365.com"), "the false positive left the new flags: " + browser.text());
    }

    private String flagIdOf(String urlPart) throws Exception {
        String id = browser.evaluate("(() => { for (const row of document.querySelectorAll('tr')) { if "
                + "(row.innerText.includes(" + JSON.writeValueAsString(urlPart) + ")) { const a = row.querySelector("
                + "'a[id^=open-]'); if (a) return a.id.substring(5); } } return ''; })()").asText();
        assertFalse(id.isEmpty(), "no flag row for " + urlPart + ": " + browser.text());
        return id;
    }

    private void technicalEnrolsAndRevokes(Fleet fleet) throws Exception {
        browser.click("nav-tokens");
        browser.waitForPath("/tokens");
        browser.type("uses", "1");
        browser.type("token-days", "1");
        browser.click("create-token");
        browser.waitForText("Your new token");
        String token = browser.evaluate("document.getElementById('token-secret').innerText").asText().strip();
        String fingerprint = browser.evaluate("document.getElementById('ca-fingerprint').innerText").asText().strip();
        assertEquals(console.fingerprint, fingerprint, "the page shows the CA fingerprint to pin");
        shoot("journey-token.png");
        open("/tokens");
        assertFalse(browser.text().contains(token), "the token is shown once, never listed");

        Path secondAgent = dir.resolve("second-agent");
        Processes.Finished enrolled = Processes.agent("enroll", "--console", console.url, "--token", token,
                "--ca-fingerprint", fingerprint, "--data", secondAgent.toString());
        assertEquals(0, enrolled.exit(), enrolled.toString());
        Matcher id = Pattern.compile("Enrolled as device (\\S+) ").matcher(enrolled.out());
        assertTrue(id.find(), enrolled.toString());
        String second = id.group(1);

        open("/devices/" + second + "?setting=e2e-school");
        browser.click("revoke");
        browser.waitForPathStarting("/devices/" + second + "/revoke");
        browser.evaluate("document.getElementById('confirm').checked = true");
        browser.click("confirm-revoke");
        browser.waitForText("Revoked on");
        shoot("journey-revoked.png");
        Processes.Finished refused = Processes.agent("run", "--once", "--data", secondAgent.toString());
        assertNotEquals(0, refused.exit(), "a revoked device is refused: " + refused);
        assertTrue((refused.out() + refused.err()).toLowerCase().contains("revoked"), refused.toString());
    }

    private String technicalProposesAPolicyChange() throws Exception {
        browser.click("nav-policies");
        browser.waitForPath("/policies");
        open("/policies/edit?setting=e2e-school");
        String yaml = browser.evaluate("document.getElementById('yaml').value").asText();
        assertTrue(yaml.contains("Use of this device is monitored."), yaml);
        browser.type("yaml", yaml.replace("Use of this device is monitored.", "Journeys: this device is monitored."));
        browser.type("reason", "Clearer wording for the logon notice");
        browser.click("propose");
        String path = browser.waitForPathStarting("/policies/proposals/");
        assertTrue(browser.text().contains("Journeys: this device is monitored."), "the diff shows the change: " + browser.text());
        shoot("journey-policy-proposal.png");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void managerSeesTheDashboard(String device) throws Exception {
        browser.click("nav-dashboard");
        browser.waitForPath("/dashboard");
        String row = browser.evaluate("(() => { const rows = [...document.querySelectorAll('#failing tbody tr')]"
                + ".filter(r => r.querySelector('a[href*=\"" + device + "\"]')); return rows.length ? "
                + "rows[0].innerText : ''; })()").asText();
        assertFalse(row.isEmpty(), "the agent's failing check is on the dashboard (this machine fails at least one "
                + "of firewall, learner accounts and logon notice): " + browser.text());
        assertTrue(row.contains("11.4") || row.contains("7.5.1") || row.contains("7.3.4"),
                "with the policy clause it rests on: " + row);
        shoot("journey-dashboard.png");
        browser.evaluate("document.querySelector('#failing a[href*=\"" + device + "\"]').click()");
        browser.waitForPathStarting("/devices/" + device);
        String page = browser.text();
        assertTrue(page.contains("11.4") || page.contains("7.5.1") || page.contains("7.3.4"), page);
        assertFalse(page.contains("bet365") || page.contains("self harm"), "a manager reads no learner's flags: "
                + page);
        shoot("journey-device.png");
    }

    /** The learner's Chromium profile with a gambling visit and a self-harm search, in Chromium 156's schema. */
    private static void writeHistory(Path home, String learner) throws Exception {
        Path profile = Files.createDirectories(home.resolve(".config/chromium/Default"));
        Path history = profile.resolve("History");
        String ddl = Files.readString(Path.of("../agent/src/test/resources/history/chromium-156-history.sql"));
        long now = chromiumTime(Instant.now().minus(Duration.ofMinutes(10)));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + history)) {
            try (Statement statement = db.createStatement()) {
                for (String sql : ddl.split(";\\s*\\n")) {
                    String stripped = sql.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + b
                            + "\n").strip();
                    if (!stripped.isEmpty()) {
                        statement.execute(stripped);
                    }
                }
            }
            visit(db, 1, "https://www.bbc.co.uk/bitesize", "KS2 Maths - BBC Bitesize", now);
            visit(db, 2, GAMBLING, GAMBLING_TITLE, now + 60_000_000L);
            visit(db, 3, SELF_HARM, "how to self harm without anyone knowing - Google Search", now + 120_000_000L);
            try (PreparedStatement term = db.prepareStatement("INSERT INTO keyword_search_terms(keyword_id, url_id, "
                    + "term, normalized_term) VALUES (2, 3, ?, ?)")) {
                term.setString(1, "how to self harm without anyone knowing");
                term.setString(2, "how to self harm without anyone knowing");
                term.executeUpdate();
            }
        }
        run("chown", "-R", learner + ":", home.resolve(".config").toString());
    }

    private static void visit(Connection db, int id, String url, String title, long time) throws Exception {
        try (PreparedStatement urls = db.prepareStatement("INSERT INTO urls(id, url, title, visit_count, "
                + "typed_count, last_visit_time, hidden) VALUES (?, ?, ?, 1, 0, ?, 0)");
             PreparedStatement visits = db.prepareStatement("INSERT INTO visits(url, visit_time, transition, "
                     + "visit_duration) VALUES (?, ?, ?, 0)")) {
            urls.setInt(1, id);
            urls.setString(2, url);
            urls.setString(3, title);
            urls.setLong(4, time);
            urls.executeUpdate();
            visits.setInt(1, id);
            visits.setLong(2, time);
            visits.setLong(3, 0x30000000L); // a link, as Chromium records a click
            visits.executeUpdate();
        }
    }

    // Chromium: microseconds since 1601-01-01
    private static long chromiumTime(Instant time) {
        return (time.getEpochSecond() + 11_644_473_600L) * 1_000_000L + time.getNano() / 1000;
    }

    private static void addAccount(Fleet fleet, String name, String role) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("account", "add", name, "--role", role,
                "--password-stdin", "--data", fleet.consoleData.toString()));
        if (fleet.databaseUrl != null) {
            args.addAll(List.of("--db", fleet.databaseUrl));
        }
        ProcessBuilder add = Processes.java(Processes.CONSOLE_JAR, args);
        Process process = add.redirectErrorStream(true).start();
        process.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
    }

    /** Signs in with the password; a DSL then sets up the authenticator the page offers. Returns its secret. */
    private String firstSignIn(String name, boolean setsUpTotp) throws Exception {
        open("/signin");
        browser.type("name", name);
        browser.type("password", PASSWORD);
        browser.click("sign-in");
        if (!setsUpTotp) {
            browser.waitForPath("/");
            return null;
        }
        browser.waitForPath("/signin/authenticator");
        String secret = browser.evaluate("document.querySelector('input[name=secret]').value").asText();
        browser.type("code", code(secret));
        browser.click("enrol");
        browser.waitForPath("/");
        return secret;
    }

    private void signIn(String name, String secret) throws Exception {
        open("/signin");
        browser.type("name", name);
        browser.type("password", PASSWORD);
        browser.click("sign-in");
        browser.waitForPath("/signin/code");
        // the enrolment used the current step's code, and a code is accepted once: wait for the next step
        Totp totp = new Totp(Clock.systemUTC());
        long step = totp.currentStep();
        while (totp.currentStep() == step) {
            Thread.sleep(250);
        }
        browser.type("code", code(secret));
        browser.click("verify");
        browser.waitForPath("/");
    }

    private static String code(String secret) {
        return Totp.code(Base32.decode(secret), new Totp(Clock.systemUTC()).currentStep());
    }

    private void signOut() throws Exception {
        browser.click("sign-out");
        browser.waitForPath("/signin");
    }

    private void open(String path) throws Exception {
        browser.open(console.url + path);
    }




    private void shoot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve(name));
        assertTrue(Files.size(SCREENSHOTS.resolve(name)) > 1000, name + " is a real image");
    }



    private static boolean isRoot() {
        try {
            return "0".equals(runOut("id", "-u").strip());
        } catch (Exception e) {
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
    }

    private static String runOut(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
