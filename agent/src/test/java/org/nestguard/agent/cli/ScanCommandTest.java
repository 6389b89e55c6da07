package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What technical staff see from {@code nestguard-agent hashes} and {@code nestguard-agent scan}. */
class ScanCommandTest {
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String EICAR_SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";

    @TempDir
    Path temp;
    Path data;
    Path downloads;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void files() throws Exception {
        data = temp.resolve("agent");
        downloads = Files.createDirectories(temp.resolve("alice/Downloads"));
        Files.writeString(downloads.resolve("letter.txt"), "Dear parents");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = AgentCommand.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    @Test
    void hashesImportListAndRemove() throws Exception {
        Path csv = Files.writeString(temp.resolve("caid.csv"), "Category,MD5,Note\nA," + EICAR_MD5 + ",test\n");
        assertEquals(0, run("hashes", "import", csv.toString(), "--name", "police-caid", "--description",
                "CAID category A", "--data", data.toString()), err.toString());
        assertTrue(out.toString().contains("Imported hash list 'police-caid': 0 SHA-256, 0 SHA-1, 1 MD5 hashes "
                + "(read as CSV, column 'MD5' (column 2))"), out.toString());
        assertEquals(0, run("hashes", "list", "--data", data.toString()));
        assertTrue(out.toString().contains("police-caid") && out.toString().contains("CAID category A"),
                out.toString());
        assertEquals(0, run("hashes", "remove", "police-caid", "--data", data.toString()));
        assertEquals(2, run("hashes", "remove", "police-caid", "--data", data.toString()));
        assertTrue(err.toString().contains("no hash list 'police-caid'"), err.toString());
    }

    @Test
    void malformedListIsRefusedNamingTheLine() throws Exception {
        Path bad = Files.writeString(temp.resolve("bad.txt"), EICAR_SHA256 + "\nnot-a-hash\n");
        assertEquals(2, run("hashes", "import", bad.toString(), "--name", "x", "--data", data.toString()));
        assertTrue(err.toString().contains("bad.txt line 2: 'not-a-hash' is not a valid hash"), err.toString());
        assertEquals(0, run("hashes", "list", "--data", data.toString()));
        assertTrue(out.toString().contains("No hash lists"), out.toString());
    }

    @Test
    void scanReportsMatchesWithoutTouchingThemAndExitsOne() throws Exception {
        Path eicar = Files.writeString(downloads.resolve("eicar.com"), EICAR);
        Path list = Files.writeString(temp.resolve("list.txt"), EICAR_SHA256 + "  eicar.com\n");
        assertEquals(1, run("scan", downloads.toString(), "--hash-list", list.toString()));
        assertTrue(out.toString().contains(eicar.toRealPath().toString()), out.toString());
        assertTrue(out.toString().contains("md5:    " + EICAR_MD5), out.toString());
        assertTrue(out.toString().contains("rule:   hash list list.txt (sha256:" + EICAR_SHA256 + ")"),
                out.toString());
        assertTrue(out.toString().contains("2 files scanned, 1 matched."), out.toString());
        assertEquals(EICAR, Files.readString(eicar), "the scan command changes nothing");

        assertEquals(1, run("scan", eicar.toString(), "--hash-list", list.toString(), "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(1, json.get("scanned").asInt());
        assertEquals(EICAR_SHA256, json.at("/matches/0/file/sha256").asText());
        assertEquals("hash-list", json.at("/matches/0/rules/0/source").asText());

        Files.delete(eicar);
        assertEquals(0, run("scan", downloads.toString(), "--hash-list", list.toString()));
        assertTrue(out.toString().contains("1 files scanned, 0 matched."), out.toString());
    }

    @Test
    void scanWithAPolicyAppliesPlaceRulesAndReportsMissingLists() throws Exception {
        Path policy = temp.resolve("policy.yaml");
        try (InputStream in = getClass().getResourceAsStream("/policies/file-checks.yaml")) {
            Files.write(policy, in.readAllBytes());
        }
        Files.write(downloads.resolve("game.exe"), "MZ\u0090\0program".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(downloads.resolve("Scratch Setup 3.29.1.exe"), "MZ\u0090\0x".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, run("scan", downloads.toString(), "--policy", policy.toString(), "--data", data.toString()));
        assertTrue(out.toString().contains("game.exe"), out.toString());
        assertTrue(!out.toString().contains("Scratch Setup"), "approved software is not flagged: " + out);
        assertTrue(out.toString().contains("place rule Downloads (executable in Downloads)"), out.toString());
        assertTrue(err.toString().contains("problem: hash list 'police-caid' is not imported"), err.toString());
    }

    @Test
    void scanErrorsAreClear() {
        assertEquals(2, run("scan", temp.resolve("nowhere").toString(), "--hash-list", "x"));
        assertTrue(err.toString().contains("cannot be read") || err.toString().contains("does not exist"),
                err.toString());
        assertEquals(2, run("scan", downloads.toString()));
        assertTrue(err.toString().contains("nothing to scan for"), err.toString());
    }
}
