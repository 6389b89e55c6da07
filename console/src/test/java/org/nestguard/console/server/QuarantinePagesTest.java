package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.server.FlaggedFilesFixture.Sealed;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.console.store.QuarantineItemState;
import org.nestguard.console.store.QuarantineSummary;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.Event;

/**
 * The quarantine pages over a real console: who sees which items, the decisions as forms with their refusals
 * (both §11.2 confirmations, a police reference, a device on hold), lifting a hold only with the police advice,
 * and the IWF list of defanged URLs. No page ever carries the file's content.
 */
class QuarantinePagesTest {
    static final byte[] PUPIL_FILE = "pupil file bytes: never on a page".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    TestConsole console;
    WebFixture fixture;
    EnrolledDevice device;
    long sequence;
    String itemId;

    @BeforeEach
    void start() throws Exception {
        console = new TestConsole(false, data);
        fixture = new WebFixture(console);
        device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        Sealed sealed = FlaggedFilesFixture.seal("pupil-amy", "photo.jpg", PUPIL_FILE,
                console.console.evidenceKey().publicKey());
        checkIn(FlaggedFilesFixture.flagged(++sequence, sealed), FlaggedFilesFixture.isolated(++sequence, sealed,
                null));
        itemId = onlyItem().id();
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    void checkIn(Event... events) throws Exception {
        HttpResponse<String> response = console.post(device.client(), AgentApi.CHECK_IN,
                console.json.writeValueAsString(new CheckIn(List.of(events), null, 1, "test")), null);
        if (response.statusCode() != 200) {
            fail("check-in refused: " + response.statusCode() + " " + response.body());
        }
    }

    QuarantineSummary onlyItem() {
        var dsl = new org.nestguard.console.auth.Person("t", "test", java.util.Set.of(Role.DSL), TestConsole.SETTING,
                java.util.Set.of());
        List<QuarantineSummary> items = console.console.quarantine().list(dsl, null, null, 10);
        assertEquals(1, items.size());
        return items.get(0);
    }

    List<String> pendingTypes() {
        return console.console.commands().pending(device.id()).stream().map(command -> command.type()).toList();
    }

    List<String> auditActions() {
        return console.console.database().read(connection -> {
            List<String> actions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT action, detail FROM audit_log "
                    + "ORDER BY id"); ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    actions.add(row.getString(1) + ": " + row.getString(2));
                }
            }
            return actions;
        });
    }

    String item() {
        return "/quarantine/" + itemId;
    }

    @Test
    void theDslSeesTheItemAsMetadataTechnicalStaffAreRefusedAndRoutingKeepsItFromTheManager() throws Exception {
        WebClient dsl = fixture.signIn(fixture.person("r.dsl", Role.DSL));
        HttpResponse<String> list = dsl.get("/quarantine");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("/home/pupil-amy/Downloads/photo.jpg"), list.body());
        assertTrue(list.body().contains("police-list") && list.body().contains("class-1"), list.body());
        assertTrue(list.body().contains("href=\"/quarantine\"") && list.body().contains("id=\"nav-quarantine\""),
                "the navigation links the page");

        HttpResponse<String> page = dsl.get(item());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(onlyItem().facts().sha256()), "the hashes are shown");
        assertFalse(page.body().contains("pupil file bytes"), "never the content");
        assertFalse(page.body().contains("<img") || page.body().contains("data:image"), "no thumbnail or preview");
        assertTrue(auditActions().stream().anyMatch(a -> a.startsWith("quarantine.read")), "the read is audited");

        WebClient technical = fixture.signIn(fixture.person("t.tech", Role.TECHNICAL));
        assertEquals(403, technical.get("/quarantine").statusCode());
        assertEquals(403, technical.get(item()).statusCode());
        assertFalse(technical.get("/").body().contains("nav-quarantine"), "no Quarantine link for technical staff");

        WebClient manager = fixture.signIn(fixture.person("m.manager", Role.MANAGER));
        HttpResponse<String> managerList = manager.get("/quarantine");
        assertEquals(200, managerList.statusCode());
        assertTrue(managerList.body().contains("id=\"no-items\""), "a learner's item goes to the DSLs only");
        assertEquals(404, manager.get(item()).statusCode());
    }

    @Test
    void destroyIsRefusedWithoutBothConfirmationsThenOrderedWithThem() throws Exception {
        WebClient dsl = fixture.signIn(fixture.person("r.dsl", Role.DSL));
        String csrf = WebClient.csrf(dsl.get(item()));
        HttpResponse<String> one = dsl.post(item() + "/destroy", "csrf", csrf, "justification", "duplicate of "
                + "a known image, police not interested", "noOtherAgencyNeeded", "yes");
        assertEquals(400, one.statusCode());
        assertTrue(one.body().contains("tick both confirmations"), one.body());
        assertTrue(one.body().contains("duplicate of a known image"), "what was typed is kept");
        assertTrue(one.body().contains("Other agencies do not need to be involved.")
                && one.body().contains("Deletion places no child at risk and compromises no investigation."));
        assertEquals(null, onlyItem().pending(), "nothing was ordered");
        assertFalse(pendingTypes().contains(FileCommands.DESTROY));

        HttpResponse<String> both = dsl.post(item() + "/destroy", "csrf", csrf, "justification", "agreed with "
                + "the headteacher", "noOtherAgencyNeeded", "yes", "noRiskToChildOrInvestigation", "yes");
        assertEquals(303, both.statusCode(), both.body());
        assertEquals("destroy", onlyItem().pending());
        assertTrue(pendingTypes().contains(FileCommands.DESTROY));
        HttpResponse<String> after = dsl.get(WebClient.location(both));
        assertTrue(after.body().contains("Destruction ordered") && after.body().contains("agreed with the "
                + "headteacher") && after.body().contains("noOtherAgencyNeeded=true"), after.body());
    }

    @Test
    void preservingNeedsAPoliceReferenceAndAViewingNeedsAJustification() throws Exception {
        WebClient dsl = fixture.signIn(fixture.person("r.dsl", Role.DSL));
        String csrf = WebClient.csrf(dsl.get(item()));
        HttpResponse<String> noReference = dsl.post(item() + "/preserve", "csrf", csrf, "policeReference", " ",
                "justification", "police asked us to keep it");
        assertEquals(400, noReference.statusCode());
        assertTrue(noReference.body().contains("give the police reference"), noReference.body());
        assertEquals(null, onlyItem().policeReference());

        assertEquals(303, dsl.post(item() + "/preserve", "csrf", csrf, "policeReference", "KNT-2026-0042",
                "justification", "police asked us to keep it").statusCode());
        assertEquals("KNT-2026-0042", onlyItem().policeReference());

        HttpResponse<String> noWhy = dsl.post(item() + "/viewings", "csrf", csrf, "justification", "");
        assertEquals(400, noWhy.statusCode());
        assertTrue(noWhy.body().contains("justification is required"), noWhy.body());
        assertEquals(303, dsl.post(item() + "/viewings", "csrf", csrf, "justification", "the police asked us "
                + "to confirm the file is the one reported").statusCode());
        String page = dsl.get(item()).body();
        assertTrue(page.contains("viewing") && page.contains("the police asked us to confirm"), page);
    }

    @Test
    void aHoldRefusesReleaseWithItsReasonAndIsLiftedOnlyWithThePoliceAdvice() throws Exception {
        WebClient dsl = fixture.signIn(fixture.person("r.dsl", Role.DSL));
        String hold = "/devices/" + device.id() + "/hold";
        HttpResponse<String> holdPage = dsl.get(hold);
        assertEquals(200, holdPage.statusCode(), holdPage.body());
        String csrf = WebClient.csrf(holdPage);
        HttpResponse<String> noReason = dsl.post(hold, "csrf", csrf, "reason", "");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("reason is required"), noReason.body());
        assertEquals(303, dsl.post(hold, "csrf", csrf, "reason", "suspected indecent image; police to be "
                + "consulted", "lock", "yes").statusCode());
        assertTrue(pendingTypes().contains(FileCommands.HOLD));

        HttpResponse<String> release = dsl.post(item() + "/release", "csrf", csrf, "justification", "mistake");
        assertEquals(409, release.statusCode());
        assertTrue(release.body().contains("is on hold since") && release.body().contains("releasing item"),
                release.body());
        assertTrue(release.body().contains("suspected indecent image"), "the hold's reason is shown");
        assertEquals(QuarantineItemState.ISOLATED, onlyItem().state());
        assertEquals(null, onlyItem().pending());

        HttpResponse<String> noAdvice = dsl.post(hold + "/lift", "csrf", csrf, "adviser", "PC Jones",
                "advisedAt", "2026-01-12T09:30", "policeReference", "KNT-1", "advice", "",
                "justification", "police finished");
        assertEquals(400, noAdvice.statusCode());
        assertTrue(noAdvice.body().contains("say what the police advised"), noAdvice.body());
        assertTrue(noAdvice.body().contains("PC Jones"), "what was typed is kept");
        HttpResponse<String> noReference = dsl.post(hold + "/lift", "csrf", csrf, "adviser", "PC Jones",
                "advisedAt", "2026-01-12T09:30", "advice", "no further action", "justification", "police finished");
        assertEquals(400, noReference.statusCode());
        assertTrue(console.console.holds().current(device.id()).isPresent(), "still on hold");

        HttpResponse<String> lifted = dsl.post(hold + "/lift", "csrf", csrf, "adviser", "PC Jones, Kent Police",
                "advisedAt", "2026-01-12T09:30", "policeReference", "KNT-1", "advice", "no further action",
                "justification", "police finished");
        assertEquals(303, lifted.statusCode(), lifted.body());
        assertTrue(console.console.holds().current(device.id()).isEmpty());
        String page = dsl.get(hold).body();
        assertTrue(page.contains("PC Jones, Kent Police") && page.contains("Reference KNT-1: no further action"),
                page);
    }

    @Test
    void theIwfListShowsFlaggedUrlsDefangedNeverAsLinksAndItsDownloadIsAudited() throws Exception {
        Visit bad = MonitoringFixture.learner(1, "http://bad.example.com:8080/gallery?id=1");
        Visit other = MonitoringFixture.learner(2, "https://198.51.100.7/x");
        Visit gambling = MonitoringFixture.learner(3, "https://www.bet365.com/");
        checkIn(MonitoringFixture.visits(++sequence, bad, other, gambling),
                MonitoringFixture.flag(++sequence, "flag-1", bad, Severity.CRITICAL, "child-sexual-exploitation"),
                MonitoringFixture.flag(++sequence, "flag-2", other, Severity.CRITICAL, "illegal"),
                MonitoringFixture.flag(++sequence, "flag-3", gambling, Severity.MEDIUM, "gambling"));
        WebClient dsl = fixture.signIn(fixture.person("r.dsl", Role.DSL));
        HttpResponse<String> page = dsl.get("/quarantine/iwf");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("hxxp://bad[.]example[.]com[:]8080/gallery?id=1"), page.body());
        assertTrue(page.body().contains("hxxps://198[.]51[.]100[.]7/x"), page.body());
        assertFalse(page.body().contains("bet365"), "only the reportable categories");
        assertFalse(page.body().contains("bad.example.com") || page.body().contains("198.51.100.7"),
                "the raw URL is nowhere on the page");
        assertFalse(page.body().contains("href=\"hxxp") || page.body().contains("href=\"http://bad"));
        assertTrue(page.body().contains("Flagged files carry no source URL"), "the page says files give none");

        HttpResponse<String> csv = dsl.get("/quarantine/iwf/urls.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertTrue(csv.body().startsWith("defanged_url,categories,flags"), csv.body());
        assertTrue(csv.body().contains("hxxp://bad[.]example[.]com[:]8080/gallery?id=1,child-sexual-exploitation,1,"),
                csv.body());
        assertFalse(csv.body().contains("http://") || csv.body().contains("bad.example"), csv.body());
        assertTrue(auditActions().stream().anyMatch(a -> a.startsWith("iwf.read: downloaded as CSV")),
                auditActions().toString());

        WebClient manager = fixture.signIn(fixture.person("m.manager", Role.MANAGER));
        assertTrue(manager.get("/quarantine/iwf").body().contains("id=\"no-urls\""), "learners' flags go to DSLs");
    }
}
