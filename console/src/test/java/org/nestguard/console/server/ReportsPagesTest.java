package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.jobs.RetentionJob;
import org.nestguard.console.store.AuditEntry;
import org.nestguard.console.store.AuditQuery;
import org.nestguard.console.store.FlagQuery;
import org.nestguard.console.store.FlagState;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.console.web.DateField;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.Event;

/**
 * The report pages, the audit log viewer and retention, over a real console with records stored through the
 * check-in path: what each person sees, that the governor summary names no one and hides small counts, that a
 * tampered audit row is reported, and that a purge by the retention job shows in the purge log.
 */
abstract class ReportsPagesTest {
    static final String SETTING = TestConsole.SETTING;

    @TempDir
    Path data;

    TestConsole t;
    WebFixture fixture;
    TestConsole.EnrolledDevice device;
    long sequence;

    abstract boolean postgres();

    @BeforeEach
    void start() throws Exception {
        t = new TestConsole(postgres(), data);
        fixture = new WebFixture(t);
        device = t.enrol(t.token(1), TestConsole.facts("class-7-laptop", "SN-7"));
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    void checkIn(Event... events) {
        t.console.checkIns().record(device.id(), List.of(events), "127.0.0.1", null, 1000);
    }

    Visit learnerVisit(int minutesAgo, String url) {
        return new Visit(t.clock.instant().minus(Duration.ofMinutes(minutesAgo)), url, "A page", "chrome", "Default",
                "pupil.jones", AccountKind.LEARNER, "link", null);
    }

    static Event checkResult(long sequence, Instant at, String control, String status, String[]... evidence) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("control", control).put("status", status)
                .put("summary", control + " " + status);
        var items = payload.putArray("evidence");
        for (String[] item : evidence) {
            items.addObject().put("item", item[0]).put("value", item[1]).put("source", "test");
        }
        payload.putArray("clauses");
        return new Event(sequence, at, "check-result", payload);
    }

    List<String> flagIds() {
        return t.console.database().read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM flags ORDER BY id");
                 ResultSet row = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (row.next()) {
                    ids.add(row.getString(1));
                }
                return ids;
            }
        });
    }

    void execute(String sql) {
        t.console.database().transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(sql);
            }
            return null;
        });
    }

    /** Every action in the audit log, newest first, as an administrator of every setting reads it. */
    List<String> auditedActions() {
        Person auditor = new Person("auditor", "auditor", java.util.Set.of(Role.ADMIN), null, java.util.Set.of());
        return t.console.audit().read(auditor, AuditQuery.everything(1000)).entries().stream()
                .map(AuditEntry::action).toList();
    }

    static String text(HttpResponse<String> page, String id) {
        var matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(page.body());
        assertTrue(matcher.find(), "no element " + id + " on the page: " + page.body());
        return matcher.group(1).strip();
    }

    /** The period around the test clock's day, as the governor summary's date fields take it. */
    String period() {
        LocalDate today = LocalDate.ofInstant(t.clock.instant(), DateField.ZONE);
        return "from=" + today.minusDays(3) + "&to=" + today.plusDays(1);
    }

    @Test
    void theGovernorSummaryCountsTheTermHidesSmallCountsAndNamesNoOne() throws Exception {
        WebFixture.Person dsl = fixture.person("ruth.dsl", Role.DSL);
        WebFixture.Person tech = fixture.person("tess.tech", Role.TECHNICAL);
        Instant hourAgo = t.clock.instant().minus(Duration.ofHours(1));
        checkIn(checkResult(++sequence, hourAgo, "encryption", "PASS"),
                checkResult(++sequence, hourAgo, "screen-lock", "FAIL"));
        List<Event> flags = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flags.add(MonitoringFixture.flag(++sequence, "bet-" + i, learnerVisit(100 + i, "https://casino-"
                    + i + ".example/play"), Severity.MEDIUM, "gambling"));
        }
        for (int i = 0; i < 2; i++) {
            flags.add(MonitoringFixture.flag(++sequence, "bully-" + i, learnerVisit(200 + i,
                    "https://taunts.example/page" + i), Severity.HIGH, "bullying"));
        }
        checkIn(flags.toArray(Event[]::new));
        Person dslPerson = dsl.account().actingIn(SETTING);
        List<String> ids = flagIds();
        assertEquals(8, ids.size());
        for (int i = 0; i < 5; i++) {
            t.console.flags().changeState(dslPerson, ids.get(i), FlagState.REVIEWED, "looked at it", null);
        }
        t.console.flags().changeState(dslPerson, ids.get(5), FlagState.ESCALATED, "a concern", "CONCERN-1");
        t.console.selfTests().request(tech.account().actingIn(SETTING), device.id());

        WebClient client = fixture.signIn(dsl);
        HttpResponse<String> page = client.get("/reports/governors?" + period());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("1", text(page, "devices-enrolled"));
        assertEquals("8", text(page, "flags-raised"));
        assertEquals("5", text(page, "flags-reviewed"), "five is shown as it is");
        assertEquals("fewer than 5", text(page, "flags-escalated"), "one escalation is a small number");
        assertEquals("fewer than 5", text(page, "flags-new"), "two still new");
        assertEquals("0", text(page, "flags-false-positive"), "zero identifies no one");
        assertEquals("fewer than 5", text(page, "concerns-opened"));
        assertEquals("1", text(page, "self-tests-run"));
        assertEquals("0", text(page, "self-tests-passed"));
        assertTrue(Pattern.compile("<th scope=\"row\">gambling</th><td>6</td>").matcher(page.body()).find(),
                page.body());
        assertTrue(Pattern.compile("<th scope=\"row\">bullying</th><td>fewer than 5</td>").matcher(page.body())
                .find(), page.body());
        assertTrue(Pattern.compile("<th scope=\"row\">high</th><td>fewer than 5</td>").matcher(page.body()).find());
        assertTrue(Pattern.compile("<th scope=\"row\">encryption</th><td>1 of 1</td>\\s*<td>100%</td>")
                .matcher(page.body()).find(), page.body());
        assertTrue(Pattern.compile("<th scope=\"row\">screen-lock</th><td>0 of 1</td>\\s*<td>0%</td>")
                .matcher(page.body()).find(), page.body());
        for (String name : List.of("pupil.jones", "class-7-laptop", "SN-7", "casino", "taunts", "tess.tech",
                device.id())) {
            assertFalse(page.body().toLowerCase().contains(name.toLowerCase()), name + " appears on the summary");
        }
        assertTrue(page.body().contains("flags escalated to a concern"), "says how concerns are counted");
        assertTrue(auditedActions().contains("governor-summary.read"), "the summary's read is audited");

        HttpResponse<String> term = client.get("/reports/governors?term=autumn-2019");
        assertEquals(200, term.statusCode());
        assertTrue(term.body().contains("Autumn term 2019") && term.body().contains("2019-09-01"), term.body());
        assertEquals("0", text(term, "devices-enrolled"));
        HttpResponse<String> backwards = client.get("/reports/governors?from=2026-12-31&to=2026-09-01");
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.body().contains("before it starts"), backwards.body());
        assertEquals(400, client.get("/reports/governors?from=yesterday&to=2026-09-01").statusCode());
    }

    @Test
    void theAccessRecordListsEachDevicesAccountsWithAdministratorsAndTheConsoleGrantsAndItsDownloadIsAudited()
            throws Exception {
        WebFixture.Person manager = fixture.person("mo.manager", Role.MANAGER);
        fixture.person("dee.deputy", Role.DEPUTY_DSL);
        // stored to the millisecond
        Instant first = t.clock.instant().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant second = t.clock.instant().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        checkIn(checkResult(++sequence, first, "accounts", "PASS",
                        new String[] {"account it.admin", "password set on 2026-01-01"},
                        new String[] {"account it.admin", "last logon 2026-01-02T10:00:00Z; administrator"},
                        new String[] {"account old.supply", "last logon not recorded or not readable"},
                        new String[] {"guest access", "off"}),
                checkResult(++sequence, second, "accounts", "PASS",
                        new String[] {"account it.admin", "last logon 2026-01-03T10:00:00Z; administrator"},
                        new String[] {"account pupil.jones", "last logon 2026-01-03T11:00:00Z"}),
                checkResult(++sequence, second, "learner-accounts", "PASS",
                        new String[] {"learner account pupil.jones", "not an administrator"}));

        WebClient client = fixture.signIn(manager);
        HttpResponse<String> page = client.get("/reports/access");
        assertEquals(200, page.statusCode(), page.body());
        String body = page.body();
        assertTrue(body.contains("We will maintain a written record of users who are granted access to our devices "
                + "and systems."), "cites §7.2");
        assertTrue(body.contains("class-7-laptop"));
        assertTrue(Pattern.compile("<td>it\\.admin</td>\\s*<td>yes</td>\\s*<td>present</td>\\s*<td>" + first)
                .matcher(body).find(), body);
        assertTrue(Pattern.compile("<td>pupil\\.jones</td>\\s*<td>no</td>\\s*<td>present</td>").matcher(body).find(),
                body);
        assertTrue(Pattern.compile("<td>old\\.supply</td>\\s*<td>no</td>\\s*<td>gone</td>\\s*<td>" + first
                + "</td><td>" + first + "</td>").matcher(body).find(), body);
        assertTrue(Pattern.compile("<td>dee\\.deputy</td><td>deputy-dsl</td><td>" + SETTING
                + "</td>\\s*<td>console operator \\(command line\\)</td>").matcher(body).find(), body);

        HttpResponse<String> csv = client.get("/reports/access.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertTrue(csv.body().contains("device account,class-7-laptop,it.admin,yes,yes," + first + "," + second),
                csv.body());
        assertTrue(csv.body().contains("console account,,mo.manager,,,,,manager," + SETTING), csv.body());
        List<String> actions = auditedActions();
        assertTrue(actions.contains("access-record.download") && actions.contains("access-record.read"),
                actions.toString());
    }

    @Test
    void theSelfTestLogShowsEachTestWhoAskedWhetherItArrivedAndWhyOneFailed() throws Exception {
        WebFixture.Person tech = fixture.person("tess.tech", Role.TECHNICAL);
        Person asTech = tech.account().actingIn(SETTING);
        t.console.selfTests().request(asTech, device.id());
        t.clock.advance(Duration.ofHours(25));
        var second = t.console.selfTests().request(asTech, device.id());
        t.clock.advance(Duration.ofSeconds(75));
        Visit canary = new Visit(t.clock.instant().minusSeconds(20), org.nestguard.protocol.monitoring.SelfTest.url(
                second.id()), org.nestguard.protocol.monitoring.SelfTest.PHRASE, "chrome", "Default", "pupil.jones",
                AccountKind.LEARNER, "typed", null);
        checkIn(MonitoringFixture.flag(++sequence, new org.nestguard.protocol.monitoring.FlagRaised("canary", canary,
                List.of(new org.nestguard.protocol.monitoring.Flag(org.nestguard.protocol.monitoring.Categories.SELF_TEST,
                        Severity.LOW, org.nestguard.protocol.monitoring.Flag.Source.SELF_TEST, "self-test",
                        org.nestguard.protocol.monitoring.SelfTest.PHRASE, "the self-test phrase")), List.of(),
                List.of(), second.id())));

        WebClient client = fixture.signIn(tech);
        HttpResponse<String> page = client.get("/reports/self-tests");
        assertEquals(200, page.statusCode(), page.body());
        String body = page.body();
        assertEquals("1", text(page, "passed-count"));
        assertTrue(Pattern.compile("<td>class-7-laptop</td>\\s*<td>tess\\.tech</td>\\s*<td class=\"status-failed\">"
                + "Failed</td>\\s*<td></td><td>No canary flag came back within 24 hours").matcher(body).find(), body);
        assertTrue(Pattern.compile("<td class=\"status-passed\">Passed end to end</td>\\s*<td>1 min 15 s</td>")
                .matcher(body).find(), body);
        LocalDate later = LocalDate.ofInstant(t.clock.instant(), DateField.ZONE).plusDays(5);
        HttpResponse<String> none = client.get("/reports/self-tests?from=" + later + "&to=" + later.plusDays(1));
        assertTrue(none.body().contains("id=\"no-tests\""), none.body());
    }

    @Test
    void theAuditViewerFiltersPagesKeepsStaffReadsFromTheDslAndReportsATamperedRow() throws Exception {
        WebFixture.Person admin = fixture.person("ada.admin", Role.ADMIN);
        WebFixture.Person dsl = fixture.person("ruth.dsl", Role.DSL);
        WebFixture.Person manager = fixture.person("mo.manager", Role.MANAGER);
        t.console.flags().queue(manager.account().actingIn(SETTING), new FlagQuery(null, null, null, null, null,
                10, null));
        t.console.flags().queue(dsl.account().actingIn(SETTING), new FlagQuery(null, null, null, null, null, 10,
                null));

        WebClient asAdmin = fixture.signIn(admin);
        HttpResponse<String> all = asAdmin.get("/audit");
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(all.body().contains("<td>mo.manager</td>") && all.body().contains("<td>ruth.dsl</td>"),
                all.body());
        HttpResponse<String> byPerson = asAdmin.get("/audit?actor=MO.MAN");
        assertTrue(byPerson.body().contains("<td>mo.manager</td>"));
        assertFalse(byPerson.body().contains("<td>ruth.dsl</td>"), byPerson.body());
        HttpResponse<String> byAction = asAdmin.get("/audit?action=audit");
        assertTrue(byAction.body().contains("<code>audit.read</code>"), "viewing the log is itself audited");
        assertFalse(byAction.body().contains("<code>flags.list</code>"));
        HttpResponse<String> none = asAdmin.get("/audit?target=no-such-record");
        assertTrue(none.body().contains("id=\"no-rows\""));
        HttpResponse<String> future = asAdmin.get("/audit?from=2099-01-01");
        assertTrue(future.body().contains("id=\"no-rows\""));
        assertEquals(400, asAdmin.get("/audit?before=latest").statusCode());
        for (int i = 0; i < 55; i++) {
            asAdmin.get("/audit?action=audit.read");
        }
        HttpResponse<String> first = asAdmin.get("/audit?action=audit.read");
        var older = Pattern.compile("href=\"([^\"]+)\" id=\"older\"").matcher(first.body());
        assertTrue(older.find(), "a full page links to the older rows");
        HttpResponse<String> second = asAdmin.get(older.group(1).replace("&amp;", "&"));
        assertEquals(200, second.statusCode());
        assertTrue(second.body().contains("<code>audit.read</code>"));

        WebClient asDsl = fixture.signIn(dsl);
        HttpResponse<String> dslView = asDsl.get("/audit?action=flags");
        assertEquals(200, dslView.statusCode());
        assertTrue(dslView.body().contains("<td>ruth.dsl</td>"));
        assertFalse(dslView.body().contains("<td>mo.manager</td>"), "a manager's read of staff records is kept from "
                + "the DSL");
        assertEquals(403, asDsl.get("/audit?all=1").statusCode());

        HttpResponse<String> intact = asAdmin.get("/audit/verify");
        assertTrue(intact.body().contains("id=\"chain-intact\""), intact.body());
        execute("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 2");
        HttpResponse<String> broken = asAdmin.get("/audit/verify");
        assertEquals(200, broken.statusCode());
        assertTrue(broken.body().contains("Broken at row 2."), broken.body());
        assertTrue(broken.body().contains("edited after it was written"), broken.body());
        assertTrue(asDsl.get("/audit/verify").body().contains("Broken at row 2."), "the DSL sees it too");
        assertEquals(403, asAdmin.get("/audit?all=1").statusCode(), "an administrator of one setting reads only it");

        // an administrator of every setting may also read the console's own rows: account changes, sign-ins
        var everywhere = fixture.accounts.add("root.admin", List.of(new org.nestguard.console.auth.Grant(Role.ADMIN,
                null)), WebFixture.PASSWORD, org.nestguard.console.store.Accounts.COMMAND_LINE).account();
        String secret = org.nestguard.console.auth.Totp.newSecret(new java.security.SecureRandom());
        assertTrue(fixture.accounts.enrolTotp(everywhere, secret, fixture.codeNow(secret)));
        t.clock.advance(Duration.ofSeconds(org.nestguard.console.auth.Totp.PERIOD));
        WebClient asRoot = fixture.signIn(new WebFixture.Person(everywhere, secret));
        assertFalse(asRoot.get("/audit?action=account.add").body().contains("account root.admin"),
                "the setting's rows only, by default");
        HttpResponse<String> console = asRoot.get("/audit?action=account.add&all=1");
        assertTrue(console.body().contains("account root.admin") && console.body().contains("id=\"all\" name=\"all\" "
                + "value=\"1\" checked"), console.body());
    }

    @Test
    void retentionShowsThePolicysPeriodsAndAPurgeAppearsAfterTheJobRuns() throws Exception {
        checkIn(MonitoringFixture.visits(++sequence, learnerVisit(10, "https://old.example/")));
        t.clock.advance(Duration.ofDays(91));
        List<?> purges = new RetentionJob(t.console.settings(), t.console.retention(), t.clock).runOnce();
        assertFalse(purges.isEmpty());

        WebClient client = fixture.signIn(fixture.person("ada.admin", Role.ADMIN));
        HttpResponse<String> page = client.get("/retention");
        assertEquals(200, page.statusCode(), page.body());
        String body = page.body();
        assertTrue(Pattern.compile("<th scope=\"row\">visits</th><td>90 days</td><td>policy v\\d+, monitoring\\."
                + "history\\.keepVisits \\(P90D\\)").matcher(body).find(), body);
        assertTrue(body.contains("6 years, escalated flags until the concern closes"), body);
        assertTrue(body.contains("§7.3.4"), "cites the policy's clause");
        assertTrue(body.contains("The audit log is never purged"));
        assertTrue(body.contains("href=\"/policies/edit?setting=" + SETTING + "\""), "links to the policy editor");
        assertTrue(Pattern.compile("<td>visits</td><td>1</td>").matcher(body).find(), body);
        assertTrue(fixture.signIn(fixture.person("tess.tech", Role.TECHNICAL)).get("/retention").statusCode() == 403);
    }

    @Test
    void theReportsIndexListsOnlyTheReportsTheRolesOpen() throws Exception {
        String tech = fixture.signIn(fixture.person("tess.tech", Role.TECHNICAL)).get("/reports").body();
        assertTrue(tech.contains("id=\"report-access\"") && tech.contains("id=\"report-self-tests\""));
        assertFalse(tech.contains("id=\"report-governors\""));
        String dsl = fixture.signIn(fixture.person("ruth.dsl", Role.DSL)).get("/reports").body();
        assertTrue(dsl.contains("id=\"report-governors\"") && dsl.contains("id=\"report-self-tests\""));
        assertFalse(dsl.contains("id=\"report-access\""));
        assertTrue(dsl.contains("href=\"/audit\"") && !dsl.contains("href=\"/retention\""), "DSL navigation");
    }
}
