package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Visit;

/** The self-test's canary history, read back through the normal collector. */
class CanaryHistoryTest {
    @TempDir
    Path dir;

    @Test
    void theCanaryTablesAreChromiumsOwnDefinitions() throws Exception {
        Path file = dir.resolve("canary/Default/History");
        new CanaryHistory(file).append("https://self-test.nestguard.invalid/x", "x", Instant.EPOCH);
        Path real = dir.resolve("real/History");
        FixtureDatabase.chromium(real).close();

        for (String table : List.of("meta", "urls", "visits", "keyword_search_terms")) {
            assertEquals(definitions(real, table), definitions(file, table), table);
        }
        assertEquals(List.of("last_compatible_version=16", "mmap_status=-1", "version=70"), meta(file));
    }

    @Test
    void aCanaryVisitIsCollectedLikeAnyProfilesVisitWithItsExactTime() throws Exception {
        AgentHome home = new AgentHome(dir.resolve("agent"));
        home.create();
        CanaryHistory canary = new CanaryHistory(home.state().resolve("canary/Default/History"));
        BrowserProfile profile = new BrowserProfile("chromium", HistoryFormat.CHROMIUM, "nestguard", "Default",
                canary.historyFile());
        Instant first = Instant.parse("2024-05-01T08:30:00.123456789Z");
        canary.append(SelfTest.url("st-1"), SelfTest.PHRASE, first);
        HistoryCollector collector = new HistoryCollector(() -> List.of(profile),
                Map.of(HistoryFormat.CHROMIUM, new ChromiumHistoryReader()), HistoryCursors.open(home),
                account -> AccountKind.STAFF, url -> null, home.state().resolve("scratch"),
                Clock.fixed(first.plusSeconds(3600), ZoneOffset.UTC));

        Harvest one = collector.collect();
        collector.commit(one);
        canary.append(SelfTest.url("st-2"), SelfTest.PHRASE, first.plusSeconds(60));
        canary.append(SelfTest.url("st-1"), SelfTest.PHRASE, first.plusSeconds(120)); // the same URL again
        Harvest two = collector.collect();

        assertEquals(List.of(new Visit(Instant.parse("2024-05-01T08:30:00.123456Z"), SelfTest.url("st-1"),
                SelfTest.PHRASE, "chromium", "Default", "nestguard", AccountKind.STAFF, "typed", null)),
                one.profiles().get(0).visits());
        assertEquals(List.of(SelfTest.url("st-2"), SelfTest.url("st-1")),
                two.profiles().get(0).visits().stream().map(Visit::url).toList());
    }

    @Test
    void aFileThatIsNotACanaryDatabaseIsNotWrittenTo() throws Exception {
        Path file = dir.resolve("History");
        FixtureDatabase.firefox(file).close();
        byte[] before = Files.readAllBytes(file);

        IOException e = assertThrows(IOException.class,
                () -> new CanaryHistory(file).append("https://x.invalid/", "x", Instant.EPOCH));

        assertTrue(e.getMessage().startsWith(file + " exists but is not a canary history database (not a Chromium"
                + " History database: it has no table urls, no table visits); delete it"), e.getMessage());
        assertEquals(List.of(), diff(before, Files.readAllBytes(file)));
    }

    private static List<Integer> diff(byte[] a, byte[] b) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length || i >= b.length || a[i] != b[i]) {
                at.add(i);
            }
        }
        return at;
    }

    private static List<String> definitions(Path db, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = '" + table
                     + "' ORDER BY type, name")) {
            List<String> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1) + " " + rows.getString(2) + ": " + rows.getString(3));
            }
            return out;
        }
    }

    private static List<String> meta(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT key, value FROM meta ORDER BY key")) {
            List<String> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1) + "=" + rows.getString(2));
            }
            return out;
        }
    }
}
