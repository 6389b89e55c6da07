package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real console and agent processes on 127.0.0.1, on SQLite and on PostgreSQL: enrol, report, stay offline,
 * come back, be revoked. PostgreSQL runs are skipped, with the reason, where 127.0.0.1:5432 does not answer.
 */
class ConsoleAndAgentTest {
    @TempDir
    Path dir;

    private Fleet fleet(Stores store) throws Exception {
        if (store == Stores.POSTGRESQL) {
            Assumptions.assumeTrue(Stores.postgresReachable(),
                    "PostgreSQL at 127.0.0.1:5432 was not reachable; the PostgreSQL end-to-end run is skipped");
        }
        return new Fleet(dir, store.open(dir));
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void enrolledAgentsResultsAppearInTheConsoleWithEvidenceAndClause(Stores store) throws Exception {
        Fleet fleet = fleet(store);
        fleet.importPolicy(Processes.POLICIES.resolve("ditton-junior.yaml"));
        try (RunningConsole console = fleet.serve()) {
            String device = fleet.enrol(console, "ditton-junior");
            Processes.Finished run = fleet.runOnce();
            assertEquals(0, run.exit(), run.toString());

            HttpResponse<String> answer = fleet.get(console, "/api/v1/devices/" + device);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode body = new ObjectMapper().readTree(answer.body());
            List<String> controls = new ArrayList<>();
            body.findValues("control").forEach(c -> controls.add(c.asText().toLowerCase()));
            for (String control : List.of("encryption", "screen-lock", "accounts", "learner-accounts", "antivirus",
                    "firewall", "updates", "software", "logon-notice")) {
                assertTrue(controls.contains(control), control + " missing from " + answer.body());
            }
            assertTrue(answer.body().contains("Change their passwords every month."), "clause carried through");

            HttpResponse<String> compliance = fleet.get(console, "/api/v1/settings/ditton-junior/compliance");
            assertEquals(200, compliance.statusCode(), compliance.body());
            assertTrue(compliance.body().contains("\"devices\":1"), compliance.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void withTheConsoleStoppedTheAgentKeepsRecordingAndEverythingArrivesOnceInOrder(Stores store) throws Exception {
        Fleet fleet = fleet(store);
        fleet.importPolicy(fleet.quickPolicy(dir));
        String device;
        int port;
        try (RunningConsole console = fleet.serve()) {
            device = fleet.enrol(console, "e2e-school");
            port = console.port();
        }
        for (int i = 0; i < 3; i++) {
            Processes.Finished offline = fleet.runOnce();
            assertEquals(3, offline.exit(), "console down: " + offline);
            assertTrue(offline.err().contains("is it running") || offline.out().contains("is it running")
                    || offline.err().contains("unreachable") || offline.out().contains("unreachable"), offline.toString());
        }
        try (RunningConsole console = fleet.serve(port)) {
            Processes.Finished online = fleet.runOnce();
            assertEquals(0, online.exit(), online.toString());
        }
        List<Long> held = Stores.sequences(fleet.consoleData, fleet.databaseUrl, device);
        assertTrue(held.size() >= 4 * 4, "four cycles of at least four events each: " + held.size());
        assertEquals(LongStream.rangeClosed(1, held.size()).boxed().toList(), held, "every event once, none missing");
        List<Long> recorded = Stores.recordedTimes(fleet.consoleData, fleet.databaseUrl, device);
        for (int i = 1; i < recorded.size(); i++) {
            assertTrue(recorded.get(i) >= recorded.get(i - 1), "recorded in order at sequence " + (i + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aRevokedDeviceIsRefusedAtOnceWithAClearMessage(Stores store) throws Exception {
        Fleet fleet = fleet(store);
        fleet.importPolicy(fleet.quickPolicy(dir));
        try (RunningConsole console = fleet.serve()) {
            String device = fleet.enrol(console, "e2e-school");
            Processes.Finished revoke = fleet.console("device", "revoke", device);
            assertEquals(0, revoke.exit(), revoke.toString());
            Processes.Finished run = fleet.runOnce();
            assertEquals(4, run.exit(), run.toString());
            assertTrue((run.out() + run.err()).contains("revoked"), run.toString());
        }
    }
}
