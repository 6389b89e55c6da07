package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Role;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.console.store.StoredCommand;

/**
 * Policy changes with approval over a real console: a proposal with a YAML error is shown at its line and not
 * stored, a valid one waits with its diff, its proposer cannot approve it, a DSL's approval publishes it as the
 * setting's next version with the update queued for its devices, and a proposal overtaken by another version is
 * refused at approval.
 */
class PolicyPagesTest {
    private static final Pattern PROPOSAL = Pattern.compile("/policies/proposals/([0-9a-f-]{36})");

    @TempDir
    Path data;

    TestConsole console;
    WebFixture fixture;
    EnrolledDevice device;
    String policy;

    @BeforeEach
    void start() throws Exception {
        console = new TestConsole(false, data);
        fixture = new WebFixture(console);
        device = console.enrol(console.token(1), TestConsole.facts("class-1", "SN-1"));
        policy = Files.readString(TestConsole.POLICY);
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    int version() {
        return console.console.settings().find(TestConsole.SETTING).orElseThrow().policyVersion();
    }

    HttpResponse<String> propose(WebClient client, String yaml, String reason) throws Exception {
        HttpResponse<String> editor = client.get("/policies/edit");
        assertEquals(200, editor.statusCode(), editor.body());
        return client.post("/policies/edit", "csrf", WebClient.csrf(editor), "baseVersion", String.valueOf(version()),
                "yaml", yaml, "reason", reason);
    }

    static String proposalPath(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        Matcher matcher = PROPOSAL.matcher(WebClient.location(response));
        assertTrue(matcher.find(), WebClient.location(response));
        return matcher.group();
    }

    @Test
    void aYamlErrorIsShownAtItsLineAndNothingIsProposed() throws Exception {
        WebClient technical = fixture.signIn(fixture.person("t.tech", Role.TECHNICAL));
        String broken = policy.replace("  maxIdle: PT5M", "  maxIdle: PT5M\n  maxIdel: PT10M");
        int line = broken.substring(0, broken.indexOf("maxIdel")).split("\n", -1).length;
        HttpResponse<String> refused = propose(technical, broken, "shorter screen lock");
        assertEquals(400, refused.statusCode());
        String body = refused.body();
        assertTrue(body.contains("Line " + line + ", column"), "the error names its line: " + body);
        assertTrue(body.contains("unknown field &#39;maxIdel&#39;") || body.contains("unknown field 'maxIdel'"),
                body);
        Matcher marked = Pattern.compile("<li id=\"line-(\\d+)\" class=\"marked\">").matcher(body);
        assertTrue(marked.find(), "a line of the read-back is marked");
        assertEquals(line, Integer.parseInt(marked.group(1)), "the marked line is the error's");
        assertFalse(marked.find(), "and only that line");
        assertTrue(body.contains("maxIdel: PT10M"), "the submitted text is kept");
        int stored = console.console.database().<Integer>read(c -> {
            try (var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM policy_proposals")) {
                rows.next();
                return rows.getInt(1);
            }
        });
        assertEquals(0, stored, "nothing was stored");

        HttpResponse<String> noReason = propose(technical, policy.replace("maxIdle: PT5M", "maxIdle: PT4M"), " ");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("reason: is required"), noReason.body());
    }

    @Test
    void aValidProposalWaitsTheProposerCannotApproveItAndADslsApprovalPublishesIt() throws Exception {
        WebClient proposer = fixture.signIn(fixture.person("t.tech", Role.TECHNICAL, Role.DSL));
        int before = version();
        String changed = policy.replace("  maxIdle: PT5M", "  maxIdle: PT4M");
        String path = proposalPath(propose(proposer, changed, "Ofsted asked for a shorter screen lock"));
        assertEquals(before, version(), "a proposal changes nothing yet");

        HttpResponse<String> page = proposer.get(path);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<del>  maxIdle: PT5M</del>") && page.body().contains(
                "<ins>  maxIdle: PT4M</ins>"), "the diff shows the change");
        assertTrue(page.body().contains("Ofsted asked for a shorter screen lock") && page.body().contains("waiting"));
        String list = proposer.get("/policies").body();
        assertTrue(list.contains("id=\"waiting\"") && list.contains(path), list);

        HttpResponse<String> own = proposer.post(path + "/approve", "csrf", WebClient.csrf(page));
        assertEquals(409, own.statusCode());
        assertTrue(own.body().contains("You proposed this change, so you cannot approve it"), own.body());
        assertEquals(before, version());

        WebClient dsl = fixture.signIn(fixture.person("r.dsl", Role.DSL));
        HttpResponse<String> approved = dsl.post(path + "/approve", "csrf", WebClient.csrf(dsl.get(path)), "note",
                "agreed at the safeguarding meeting");
        assertEquals(303, approved.statusCode(), approved.body());
        assertEquals(before + 1, version(), "the setting's policy moved on");
        assertTrue(console.console.settings().currentPolicy(TestConsole.SETTING).orElseThrow().yaml()
                .contains("maxIdle: PT4M"));
        List<StoredCommand> queued = console.console.commands().pending(device.id()).stream()
                .filter(command -> command.type().equals(PolicyPublisher.UPDATE_POLICY)).toList();
        assertEquals(1, queued.size(), "the update is queued for the setting's device");
        assertEquals(before + 1, queued.get(0).payload().get("version").asInt());
        String after = dsl.get(WebClient.location(approved)).body();
        assertTrue(after.contains("Approved: the policy is now version " + (before + 1)), after);
        String history = dsl.get("/policies").body();
        assertTrue(history.contains("r.dsl, ") && history.contains("Ofsted asked for a shorter screen lock"),
                "the version history says who approved it: " + history);
        assertTrue(auditDetails().contains("policy.propose") && auditDetails().contains("policy.approve"));

        HttpResponse<String> again = dsl.post(path + "/approve", "csrf", WebClient.csrf(dsl.get(path)));
        assertEquals(409, again.statusCode(), "a decided proposal is not decided twice");
    }

    @Test
    void aProposalOvertakenByANewerVersionIsRefusedAtApprovalAndCanBeRejected() throws Exception {
        WebClient technical = fixture.signIn(fixture.person("t.tech", Role.TECHNICAL));
        String path = proposalPath(propose(technical, policy.replace("  maxIdle: PT5M", "  maxIdle: PT4M"),
                "shorter screen lock"));
        console.publish(policy.replace("  maxIdle: PT5M", "  maxIdle: PT3M"));
        int now = version();

        WebClient head = fixture.signIn(fixture.person("h.head", Role.HEADTEACHER));
        HttpResponse<String> page = head.get(path);
        assertTrue(page.body().contains("id=\"stale\""), page.body());
        HttpResponse<String> refused = head.post(path + "/approve", "csrf", WebClient.csrf(page));
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("propose the change again against version " + now), refused.body());
        assertEquals(now, version());

        HttpResponse<String> noNote = head.post(path + "/reject", "csrf", WebClient.csrf(page), "note", "");
        assertEquals(400, noNote.statusCode());
        assertTrue(noNote.body().contains("note is required"), noNote.body());
        assertEquals(303, head.post(path + "/reject", "csrf", WebClient.csrf(page), "note", "overtaken by v"
                + now).statusCode());
        assertTrue(head.get(path).body().contains("rejected"));
        assertEquals(403, technical.post(path + "/approve", "csrf", WebClient.csrf(page)).statusCode(),
                "technical staff propose but never decide");
    }

    String auditDetails() {
        return console.console.database().read(connection -> {
            StringBuilder all = new StringBuilder();
            try (var rows = connection.createStatement().executeQuery("SELECT action FROM audit_log ORDER BY id")) {
                while (rows.next()) {
                    all.append(rows.getString(1)).append('\n');
                }
            }
            return all.toString();
        });
    }
}
