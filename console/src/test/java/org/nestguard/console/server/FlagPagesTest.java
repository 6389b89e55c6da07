package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;

/**
 * The flag queue, a flag's page, history search and concerns as a DSL and a manager use them, over real flags
 * recorded through the agent API: filters, bulk review, a false positive that needs a reason, escalation into a new
 * concern that closes only with lessons learnt, routing of staff-subject flags, URLs never as links, and the audit
 * record of every read.
 */
class FlagPagesTest {
    static final String SELF_HARM = "https://forum.self-harm.example/thread/42";
    static final String GAMBLING = "https://www.bet365.com/";
    static final String GAMING = "https://games.example/play";
    static final String STAFF_POKER = "https://poker.example/table";
    static final String HISTORY_ONLY = "https://www.bbc.co.uk/bitesize";

    @TempDir
    Path data;

    TestConsole console;
    WebFixture fixture;
    WebClient dsl;
    WebClient manager;

    @BeforeEach
    void start() throws Exception {
        console = new TestConsole(false, data);
        fixture = new WebFixture(console);
        EnrolledDevice device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        AgentCheckIn.send(console, device,
                MonitoringFixture.visits(1, MonitoringFixture.learner(0, HISTORY_ONLY)),
                MonitoringFixture.flag(2, "a1", MonitoringFixture.learner(1, SELF_HARM), Severity.CRITICAL,
                        "self-harm"),
                MonitoringFixture.flag(3, "a2", MonitoringFixture.visit(2, GAMBLING, "pupil2", AccountKind.LEARNER),
                        Severity.HIGH, "gambling"),
                MonitoringFixture.flag(4, "a3", MonitoringFixture.learner(60 * 24 * 3, GAMING), Severity.LOW,
                        "gaming"),
                MonitoringFixture.flag(5, "a4", MonitoringFixture.staff(3, STAFF_POKER, "jsmith"), Severity.HIGH,
                        "gambling"));
        dsl = fixture.signIn(fixture.person("r.campbell", Role.DSL));
        manager = fixture.signIn(fixture.person("m.manager", Role.MANAGER));
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void theQueueFiltersAndShowsWhyEachFlagWasRaised() throws Exception {
        String queue = ok(dsl.get("/flags"));
        assertTrue(queue.contains(SELF_HARM) && queue.contains(GAMBLING) && queue.contains(GAMING), queue);
        assertTrue(queue.indexOf(SELF_HARM) < queue.indexOf(GAMBLING), "critical before high");
        assertTrue(queue.contains("domain list default/self-harm has forum.self-harm.example"),
                "the exact reason: which list matched what");
        assertTrue(queue.contains("pupil2") && queue.contains("class-1"), "account and device on each row");

        String critical = ok(dsl.get("/flags?severity=critical"));
        assertTrue(critical.contains(SELF_HARM) && !critical.contains(GAMBLING), "by severity");
        String gambling = ok(dsl.get("/flags?category=gambling"));
        assertTrue(gambling.contains(GAMBLING) && !gambling.contains(SELF_HARM), "by category");
        String pupil2 = ok(dsl.get("/flags?account=PUPIL2"));
        assertTrue(pupil2.contains(GAMBLING) && !pupil2.contains(GAMING), "by account, whatever its case");
        String later = ok(dsl.get("/flags?from=2026-01-13"));
        assertTrue(later.contains(GAMING) && !later.contains(SELF_HARM), "by time: " + later);
        String day = ok(dsl.get("/flags?from=2026-01-12&to=2026-01-12"));
        assertTrue(day.contains(SELF_HARM) && !day.contains(GAMING), "to includes its day");
        HttpResponse<String> badDate = dsl.get("/flags?from=12/01/2026");
        assertEquals(400, badDate.statusCode());
        assertTrue(badDate.body().contains("a date such as 2026-01-12"), badDate.body());

        String paged = ok(dsl.get("/flags?state=all"));
        assertFalse(paged.contains("id=\"next-page\""), "one page holds them all");
        assertTrue(audited("flags.list") >= 7, "every queue read is in the audit log");
    }

    @Test
    void aDslReviewsSeveralFlagsAtOnce() throws Exception {
        String queue = ok(dsl.get("/flags"));
        String csrf = WebClient.csrf(dsl.get("/flags"));
        HttpResponse<String> none = dsl.post("/flags/review", "csrf", csrf, "reason", "checked");
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Tick at least one flag"), none.body());
        HttpResponse<String> noReason = dsl.post("/flags/review", "csrf", csrf, "flag", flagId(queue, GAMING),
                "reason", " ");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("Give a reason"), noReason.body());

        HttpResponse<String> reviewed = dsl.post("/flags/review", "csrf", csrf, "flag", flagId(queue, GAMING),
                "flag", flagId(queue, GAMBLING), "reason", "Checked with the class teacher: a lesson on odds");
        assertEquals(303, reviewed.statusCode(), reviewed.body());
        String after = ok(dsl.get(WebClient.location(reviewed)));
        assertTrue(after.contains("2 flag(s) marked reviewed"), after);
        assertTrue(after.contains(SELF_HARM) && !after.contains(GAMING) && !after.contains(GAMBLING),
                "the new queue no longer holds them");
        String done = ok(dsl.get("/flags?state=reviewed"));
        assertTrue(done.contains(GAMING) && done.contains(GAMBLING) && !done.contains(SELF_HARM));
        String flag = ok(dsl.get("/flags/" + flagId(done, GAMING)));
        assertTrue(flag.contains("Checked with the class teacher: a lesson on odds") && flag.contains("r.campbell"),
                "the flag's history says who and why");
    }

    @Test
    void aFalsePositiveNeedsAReason() throws Exception {
        String id = flagId(ok(dsl.get("/flags")), GAMING);
        String csrf = WebClient.csrf(dsl.get("/flags/" + id));
        HttpResponse<String> refused = dsl.post("/flags/" + id + "/state", "csrf", csrf, "state", "false-positive",
                "reason", "");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("A false positive needs a reason"), refused.body());
        assertTrue(refused.body().contains("id=\"flag-state\">new"), "nothing changed");

        HttpResponse<String> marked = dsl.post("/flags/" + id + "/state", "csrf", csrf, "state", "false-positive",
                "reason", "games.example is the maths game site of the school; the list entry is wrong");
        assertEquals(303, marked.statusCode(), marked.body());
        String page = ok(dsl.get("/flags/" + id));
        assertTrue(page.contains("id=\"flag-state\">false-positive"), page);
        assertTrue(page.contains("new → false-positive") && page.contains("the maths game site of the school"), page);
    }

    @Test
    void aDslEscalatesAFlagIntoAConcernThatClosesOnlyWithLessonsLearnt() throws Exception {
        String id = flagId(ok(dsl.get("/flags")), SELF_HARM);
        String flagPage = ok(dsl.get("/flags/" + id));
        assertTrue(flagPage.contains(HISTORY_ONLY), "the visit just before is its context");
        String csrf = WebClient.csrf(dsl.get("/flags/" + id));
        HttpResponse<String> noReason = dsl.post("/flags/" + id + "/escalate", "csrf", csrf, "reason", "",
                "case", "new");
        assertEquals(400, noReason.statusCode());
        HttpResponse<String> escalated = dsl.post("/flags/" + id + "/escalate", "csrf", csrf, "reason",
                "Repeated self-harm searches", "case", "new", "title", "pupil1: self-harm searches");
        assertEquals(303, escalated.statusCode(), escalated.body());
        String casePath = WebClient.location(escalated);
        assertTrue(casePath.startsWith("/cases/"), casePath);
        String casePage = ok(dsl.get(casePath));
        assertTrue(casePage.contains("pupil1: self-harm searches") && casePage.contains("r.campbell"), casePage);
        assertTrue(casePage.contains("critical flag on pupil1"), "the flag is linked");
        assertTrue(ok(dsl.get("/flags/" + id)).contains("id=\"flag-state\">escalated"));
        assertFalse(ok(dsl.get("/flags")).contains(SELF_HARM), "out of the new queue");

        String base = casePath.substring(0, casePath.indexOf('?'));
        HttpResponse<String> noLessons = dsl.post(base + "/close", "csrf", csrf);
        assertEquals(409, noLessons.statusCode());
        assertTrue(noLessons.body().contains("closes only once its lessons learnt are recorded"), noLessons.body());
        assertTrue(noLessons.body().contains("id=\"case-state\">open"));

        HttpResponse<String> blank = dsl.post(base + "/entries", "csrf", csrf, "kind", "advice", "date", "2026-01-12",
                "party", "", "detail", "Call back tomorrow");
        assertEquals(400, blank.statusCode());
        assertTrue(blank.body().contains("Who was asked is required"), blank.body());
        assertTrue(blank.body().contains("Call back tomorrow"), "the refused entry comes back filled in");
        assertEquals(303, dsl.post(base + "/entries", "csrf", csrf, "kind", "action", "date", "2026-01-12",
                "time", "11:15", "detail", "Spoke to pupil1 with the class teacher").statusCode());
        assertEquals(303, dsl.post(base + "/entries", "csrf", csrf, "kind", "agency", "date", "2026-01-12",
                "party", "LADO", "reference", "LADO-2026-17").statusCode());
        assertEquals(303, dsl.post(base + "/entries", "csrf", csrf, "kind", "lessons", "date", "2026-01-13",
                "detail", "Add the forum to the filtering list; PSHE lesson on getting help").statusCode());
        assertEquals(303, dsl.post(base + "/close", "csrf", csrf).statusCode());
        String closed = ok(dsl.get(casePath));
        assertTrue(closed.contains("id=\"case-state\">closed"), closed);
        assertTrue(closed.contains("#1 Action taken") && closed.contains("11:15")
                && closed.contains("Reference: LADO-2026-17") && closed.contains("#3 Lessons learnt"), closed);
        assertTrue(ok(dsl.get("/cases?state=closed")).contains("pupil1: self-harm searches"));
        assertFalse(ok(manager.get("/cases?state=all")).contains("pupil1: self-harm searches"),
                "a learner's concern is not the manager's");
        assertEquals(404, manager.get(casePath).statusCode());
        assertTrue(audited("case.read") >= 4 && audited("case.entry") == 3 && audited("case.close") == 1);
    }

    @Test
    void aSecondFlagJoinsAnOpenConcernChosenOnItsPage() throws Exception {
        String queue = ok(dsl.get("/flags"));
        String first = flagId(queue, GAMBLING);
        String second = flagId(queue, GAMING);
        String csrf = WebClient.csrf(dsl.get("/flags/" + first));
        String casePath = WebClient.location(dsl.post("/flags/" + first + "/escalate", "csrf", csrf, "reason",
                "Gambling at school", "case", "new"));
        String caseId = casePath.substring("/cases/".length(), casePath.indexOf('?'));
        String secondPage = ok(dsl.get("/flags/" + second));
        assertTrue(secondPage.contains("<option value=\"" + caseId + "\">gambling: pupil2"),
                "the open concern is offered, titled after its flag: " + secondPage);
        HttpResponse<String> joined = dsl.post("/flags/" + second + "/escalate", "csrf", csrf, "reason",
                "Same time, same game sites", "case", caseId);
        assertEquals(casePath, WebClient.location(joined));
        String record = ok(dsl.get(casePath));
        assertTrue(record.contains("high flag on pupil2") && record.contains("low flag on pupil1"), record);
        assertTrue(ok(dsl.get("/flags/" + second)).contains("id=\"flag-case\">" + caseId), "the flag names it");
    }

    @Test
    void aStaffSubjectFlagReachesTheManagerAndNeverTheDsl() throws Exception {
        String dslQueue = ok(dsl.get("/flags?state=all"));
        assertFalse(dslQueue.contains(STAFF_POKER) || dslQueue.contains("jsmith"), dslQueue);
        String managerQueue = ok(manager.get("/flags?state=all"));
        assertTrue(managerQueue.contains(STAFF_POKER), managerQueue);
        assertFalse(managerQueue.contains(SELF_HARM) || managerQueue.contains(GAMBLING),
                "a manager sees none of a learner's flags");
        String staffFlag = flagId(managerQueue, STAFF_POKER);
        assertEquals(404, dsl.get("/flags/" + staffFlag).statusCode(), "as if it did not exist");
        String csrf = WebClient.csrf(dsl.get("/flags"));
        assertEquals(404, dsl.post("/flags/" + staffFlag + "/escalate", "csrf", csrf, "reason", "x", "case", "new")
                .statusCode());
        assertFalse(ok(dsl.get("/history?account=jsmith")).contains(STAFF_POKER), "nor in history");
        assertTrue(ok(manager.get("/history?account=jsmith")).contains(STAFF_POKER));
        assertTrue(ok(manager.get("/flags/" + staffFlag)).contains(STAFF_POKER));
    }

    @Test
    void historySearchesByDomainAndCategoryAndShowsUrlsAsText() throws Exception {
        String byDomain = ok(dsl.get("/history?domain=bbc.co.uk"));
        assertTrue(byDomain.contains(HISTORY_ONLY) && !byDomain.contains(SELF_HARM), byDomain);
        String byCategory = ok(dsl.get("/history?category=self-harm"));
        assertTrue(byCategory.contains(SELF_HARM) && !byCategory.contains(HISTORY_ONLY));
        String all = ok(dsl.get("/history"));
        String flag = ok(dsl.get("/flags/" + flagId(ok(dsl.get("/flags")), SELF_HARM)));
        for (String page : new String[] {all, flag, ok(dsl.get("/flags"))}) {
            Matcher link = Pattern.compile("href=\"(https?:[^\"]*)\"").matcher(page);
            assertFalse(link.find(), "a URL from a device is never a link: " + (link.hitEnd() ? "" : link.group()));
        }
        assertTrue(audited("history.search") >= 3);
        assertTrue(audited("flag.read") >= 1);
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The id of the queue row showing this URL. */
    static String flagId(String queue, String url) {
        Matcher row = Pattern.compile("<tr id=\"flag-([^\"]+)\"((?!</tr>).)*?" + Pattern.quote(url), Pattern.DOTALL)
                .matcher(queue);
        if (!row.find()) {
            throw new AssertionError("no row for " + url + " in " + queue);
        }
        return row.group(1);
    }

    private long audited(String action) {
        return console.console.database().read(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM audit_log WHERE action = ?")) {
                count.setString(1, action);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
