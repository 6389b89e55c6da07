package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The monitoring self-test the DfE standard asks for, between the real console and agent processes: a technical
 * user asks a device for one, the agent writes a canary visit into its own Chromium-format history, reads it back
 * through the same copy, reader, classifier and outbox as real history, and the console logs that the flag came
 * back and how long it took, without putting it in the DSL's queue.
 */
class MonitoringSelfTestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSelfTestRequestedAtTheConsoleComesBackFromTheAgentAndIsLogged(Stores store) throws Exception {
        if (store == Stores.POSTGRESQL) {
            Assumptions.assumeTrue(Stores.postgresReachable(),
                    "PostgreSQL at 127.0.0.1:5432 was not reachable; the PostgreSQL end-to-end run is skipped");
        }
        Fleet fleet = new Fleet(dir, store.open(dir));
        fleet.importPolicy(fleet.writePolicy(dir, Fleet.MONITORING_POLICY));
        try (RunningConsole console = fleet.serve()) {
            String device = fleet.enrol(console, "e2e-school");
            ApiSession technical = fleet.signIn(console, "Tess Tech", "--role", "technical", "--setting", "e2e-school");
            ApiSession dsl = fleet.signIn(console, "Dee Dsl", "--role", "dsl", "--setting", "e2e-school");

            HttpResponse<String> asked = fleet.post(console, "/api/v1/devices/" + device + "/self-test", technical,
                    "{}");
            assertEquals(201, asked.statusCode(), asked.body());
            String selfTest = JSON.readTree(asked.body()).get("id").asText();
            JsonNode waiting = find(fleet.get(console, "/api/v1/self-tests?setting=e2e-school", technical), selfTest);
            assertEquals("waiting", waiting.get("status").asText().toLowerCase(), waiting.toString());

            Processes.Finished run = fleet.runOnce();
            assertEquals(0, run.exit(), run.toString());

            JsonNode passed = find(fleet.get(console, "/api/v1/self-tests?setting=e2e-school", technical), selfTest);
            assertEquals("passed", passed.get("status").asText().toLowerCase(), passed.toString());
            long endToEnd = passed.get("endToEndMillis").asLong();
            long agent = passed.get("agentMillis").asLong();
            assertTrue(endToEnd > 0 && agent >= 0 && agent <= endToEnd, passed.toString());

            HttpResponse<String> queue = fleet.get(console, "/api/v1/flags", dsl);
            assertEquals(200, queue.statusCode(), queue.body());
            assertFalse(queue.body().contains("self-test.nestguard.invalid"), "a canary is not a concern: "
                    + queue.body());
            HttpResponse<String> forbidden = fleet.get(console, "/api/v1/flags", technical);
            assertEquals(403, forbidden.statusCode(), "technical staff never see flags: " + forbidden.body());
        }
    }

    private static JsonNode find(HttpResponse<String> log, String id) throws Exception {
        assertEquals(200, log.statusCode(), log.body());
        JsonNode body = JSON.readTree(log.body());
        JsonNode list = body.isArray() ? body : body.path("selfTests");
        for (JsonNode test : list) {
            if (id.equals(test.path("id").asText())) {
                return test;
            }
        }
        throw new AssertionError("self-test " + id + " not in the log: " + log.body());
    }
}
