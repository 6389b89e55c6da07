package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flagged-file quarantine between the real console and agent processes, on a real local account: a file whose
 * SHA-256 is on the setting's hash list is dropped into the account's Downloads while the agent runs; within
 * seconds the file is gone from its path, the note is there, the vault holds it sealed where the account cannot
 * read it and no byte of it is in clear anywhere in the agent's data, and the console shows its metadata and
 * nothing else. The DSL then releases it and the file comes back byte for byte with its time.
 */
class QuarantineInPlaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ISOLATION_TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;

    // On the default store only: the same events through PostgreSQL are PostgresFlaggedFilesApiTest's, and each
    // run of this one costs a minute of CI.
    @Test
    void aHashListMatchIsIsolatedInPlaceShownAsMetadataOnlyAndReleasedByteForByte() throws Exception {
        Assumptions.assumeTrue(isRoot(), "not root: this test creates a disposable local account with useradd and "
                + "runs the agent as the service does; it runs in CI as root");
        Stores store = Stores.SQLITE;
        String account = "ngq" + (100000 + new SecureRandom().nextInt(900000));
        run("useradd", "-m", "-s", "/bin/sh", account);
        Process agent = null;
        try {
            Path home = Path.of(runOut("getent", "passwd", account).split(":")[5]);
            Path downloads = Files.createDirectories(home.resolve("Downloads"));
            // A harmless file already there: the agent's first scan indexes it and saves the index, which is how
            // the test knows the watch has started.
            Files.writeString(downloads.resolve("reading-list.txt"), "Books for the summer term\n");
            run("chown", "-R", account + ":", downloads.toString());

            byte[] content = content();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Path list = Files.writeString(dir.resolve("police-hashes.txt"), "# e2e police list\n" + sha256 + "\n");

            Fleet fleet = new Fleet(dir, store.open(dir));
            fleet.importPolicy(fleet.writePolicy(dir, policy(account)));
            try (RunningConsole console = fleet.serve()) {
                String device = fleet.enrol(console, "e2e-school");
                ApiSession dsl = fleet.signIn(console, "Dee Dsl", "--role", "dsl", "--setting", "e2e-school");
                ApiSession technical = fleet.signIn(console, "Tess Tech", "--role", "technical", "--setting", "e2e-school");
                Processes.Finished imported = Processes.agent("hashes", "import", list.toString(), "--name",
                        "e2e-police", "--data", fleet.agentData.toString());
                assertEquals(0, imported.exit(), imported.toString());

                agent = Processes.java(Processes.AGENT_JAR, List.of("run", "--data", fleet.agentData.toString()))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
                waitFor(() -> Files.exists(fleet.agentData.resolve("state/file-index.bin")), 60_000,
                        "the agent's first file scan", dir.resolve("agent.log"));

                // The account saves the file: written beside, then moved in, as a browser finishes a download.
                Path file = downloads.resolve("holiday.jpg");
                Path partial = downloads.resolve("holiday.jpg.part");
                Files.write(partial, content);
                Instant modified = Instant.parse("2026-11-30T15:04:05Z");
                Files.setLastModifiedTime(partial, FileTime.from(modified));
                run("chown", account + ":", partial.toString());
                Files.move(partial, file);

                waitFor(() -> !Arrays.equals(content, readOrEmpty(file)), ISOLATION_TIMEOUT_MS,
                        "the file to be isolated", dir.resolve("agent.log"));
                String note = Files.readString(file);
                assertTrue(note.contains("isolated") && note.contains("Dee Dsl"), "the note at the path: " + note);
                List<Path> sealed = vaultItems(fleet.agentData);
                assertEquals(1, sealed.size(), "one sealed item in the vault: " + sealed);
                Processes.Finished asAccount = runAs(account, "cat", sealed.get(0).toString());
                assertNotEquals(0, asAccount.exit(), "the account cannot read the vault item: " + asAccount);
                assertTrue(asAccount.err().contains("Permission denied"), asAccount.toString());
                assertEquals(List.of(), filesContaining(fleet.agentData, content),
                        "no file of the agent's holds the content in clear");

                JsonNode item = waitForItem(fleet, console, dsl, sha256);
                assertEquals(file.toString(), item.path("facts").path("path").asText(), item.toString());
                assertEquals(content.length, item.path("facts").path("size").asLong(), item.toString());
                assertEquals(device, item.path("deviceId").asText(), item.toString());
                assertEquals("learner", item.path("accountKind").asText().toLowerCase(), "routed to the DSL as a "
                        + "learner's file by the agent's reading of the policy: " + item);
                assertEquals("hash-list", item.path("matches").path(0).path("source").asText(), item.toString());
                HttpResponse<String> detail = fleet.get(console, "/api/v1/quarantine/" + item.path("id").asText(),
                        dsl);
                assertEquals(200, detail.statusCode(), detail.body());
                for (String body : List.of(detail.body(), fleet.get(console, "/api/v1/quarantine", dsl).body())) {
                    assertFalse(body.contains(Base64.getEncoder().encodeToString(content).substring(0, 40))
                            || body.contains(marker(content)), "metadata only: " + body);
                }
                assertEquals(403, fleet.get(console, "/api/v1/quarantine", technical).statusCode(),
                        "technical staff never see quarantine items");
                assertEquals(List.of(), filesContaining(fleet.consoleData, content),
                        "no file of the console's holds the content");

                // Release: the running agent is stopped as a service would be, and one run takes the command.
                agent.destroy();
                assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "the agent stops on SIGTERM");
                HttpResponse<String> release = fleet.post(console, "/api/v1/quarantine/" + item.path("id").asText()
                        + "/release", dsl, "{\"justification\": \"e2e: the image is a family holiday photo\"}");
                assertTrue(release.statusCode() / 100 == 2, release.statusCode() + " " + release.body());
                Processes.Finished once = fleet.runOnce();
                assertEquals(0, once.exit(), once.toString());
                assertArrayEquals(content, Files.readAllBytes(file), "released byte for byte");
                assertEquals(modified, Files.getLastModifiedTime(file).toInstant(), "with its time");
                assertEquals(List.of(), vaultItems(fleet.agentData), "nothing left in the vault");
            }
        } finally {
            if (agent != null) {
                agent.destroyForcibly().waitFor();
            }
            run("userdel", "-r", account);
        }
    }

    private static String policy(String account) {
        return Fleet.QUICK_POLICY.replace("groups: [pupils]", "names: [" + account + "]") + """
                roles: {dsl: [Dee Dsl]}
                fileChecks:
                  watch: [Downloads]
                  hashLists: [e2e-police]
                  isolateHashMatches: true
                  clauses: [{section: "11.4", quote: "Quarantine any devices until police advice has been sought."}]
                """;
    }

    private static JsonNode waitForItem(Fleet fleet, RunningConsole console, ApiSession key, String sha256)
            throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> list = fleet.get(console, "/api/v1/quarantine", key);
            assertEquals(200, list.statusCode(), list.body());
            last = list.body();
            JsonNode body = JSON.readTree(last);
            for (JsonNode item : body.isArray() ? body : body.path("items")) {
                if (sha256.equals(item.path("facts").path("sha256").asText())) {
                    return item;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the console never showed the item; last answer: " + last);
    }

    // Random bytes around a text marker: the marker finds clear copies, the random bytes make each run's hash new.
    private static byte[] content() {
        byte[] random = new byte[64 * 1024];
        new SecureRandom().nextBytes(random);
        byte[] marker = ("NESTGUARD-E2E-SUSPECT-CONTENT-" + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[random.length + marker.length];
        System.arraycopy(marker, 0, content, 0, marker.length);
        System.arraycopy(random, 0, content, marker.length, random.length);
        return content;
    }

    private static String marker(byte[] content) {
        return new String(content, 0, 40, StandardCharsets.US_ASCII);
    }

    private static List<Path> filesContaining(Path root, byte[] content) throws IOException {
        byte[] needle = Arrays.copyOfRange(content, 0, 40);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<Path> vaultItems(Path agentData) throws IOException {
        try (Stream<Path> files = Files.list(agentData.resolve("vault"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ngv")).toList();
        }
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, long timeoutMs, String what, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what + "; agent log:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(none)"));
            }
            Thread.sleep(200);
        }
    }

    private static boolean isRoot() {
        try {
            return "0".equals(runOut("id", "-u").strip());
        } catch (Exception e) {
            return false;
        }
    }

    private static Processes.Finished runAs(String account, String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", account, "--"));
        all.addAll(List.of(command));
        return exec(all);
    }

    private static void run(String... command) throws Exception {
        Processes.Finished done = exec(List.of(command));
        assertEquals(0, done.exit(), done.toString());
    }

    private static String runOut(String... command) throws Exception {
        Processes.Finished done = exec(List.of(command));
        assertEquals(0, done.exit(), done.toString());
        return done.out();
    }

    private static Processes.Finished exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Processes.Finished(process.waitFor(), out, err);
    }
}
