package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.quarantine.CustodyEntry;
import org.nestguard.agent.quarantine.OriginalAttributes;
import org.nestguard.agent.quarantine.VaultRecord;
import org.nestguard.agent.quarantine.VaultStore;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.wire.WireJson;
import picocli.CommandLine;

/** {@code quarantine list}: the vault's records, metadata only. */
class QuarantineCommandTest {
    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @TempDir
    Path data;
    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = AgentCommand.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    private void oneItem() throws Exception {
        VaultStore store = new VaultStore(new AgentHome(data).vault());
        store.prepare();
        FileFacts facts = new FileFacts("/home/pupil1/Pictures/IMG_0001.jpg", "pupil1", "pupil1", 123_456,
                Instant.parse("2026-11-30T08:00:00Z"), null, FileKind.IMAGE, "ab".repeat(32), null, null, AccountKind.LEARNER);
        QuarantineItem item = new QuarantineItem(ID, facts, List.of(new FileRuleMatch(FileRuleMatch.Source.HASH_LIST,
                "police-list", "sha256:" + "ab".repeat(32), "on the police list")),
                Instant.parse("2026-12-01T09:30:00Z"), "V1JBUFBFRC1LRVk=", "cd".repeat(32), 123_500);
        store.writeRecord(new VaultRecord(item, new OriginalAttributes("pupil1", "pupil1", "rw-r--r--",
                facts.modified(), facts.modified(), null), List.of(new CustodyEntry(item.isolatedAt(), "isolated",
                "by policy"))));
        Files.write(store.sealed(ID), new byte[] {'N', 'G', 'V', '1'});
    }

    @Test
    void listsEachItemWithItsPathHashAndRule() throws Exception {
        oneItem();

        assertEquals(0, run("quarantine", "list", "--data", data.toString()), err.toString());

        String text = out.toString();
        assertTrue(text.contains(ID) && text.contains("/home/pupil1/Pictures/IMG_0001.jpg"), text);
        assertTrue(text.contains("sha256 " + "ab".repeat(32)) && text.contains("police-list"), text);
        assertTrue(text.contains("2026-12-01T09:30:00Z") && text.contains("image"), text);
    }

    @Test
    void jsonHasTheMetadataButNotTheWrappedKey() throws Exception {
        oneItem();

        assertEquals(0, run("quarantine", "list", "--json", "--data", data.toString()), err.toString());

        JsonNode items = WireJson.mapper().readTree(out.toString());
        assertEquals(1, items.size());
        assertEquals(ID, items.get(0).get("itemId").asText());
        assertEquals(123_456, items.get(0).get("file").get("size").asLong());
        assertEquals("isolated", items.get(0).get("custody").get(0).get("action").asText());
        assertFalse(out.toString().contains("V1JBUFBFRC1LRVk="), "the wrapped key is not listed");
    }

    @Test
    void anEmptyVaultSaysSo() {
        assertEquals(0, run("quarantine", "list", "--data", data.toString()));
        assertTrue(out.toString().contains("holds no items"), out.toString());
    }
}
