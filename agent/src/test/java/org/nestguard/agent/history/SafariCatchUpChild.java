package org.nestguard.agent.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Visit;

/**
 * Run by {@link SafariCatchUpTest} in a JVM of its own with the service's heap: collects one Safari profile with
 * {@code collectAll}, as the service does, and prints how many visits came. Arguments: HISTORY_DB AGENT_HOME.
 */
public final class SafariCatchUpChild {
    public static void main(String[] args) throws Exception {
        AgentHome home = new AgentHome(Path.of(args[1]));
        home.create();
        BrowserProfile safari = new BrowserProfile("safari", HistoryFormat.SAFARI, "pupil", "Safari",
                Path.of(args[0]));
        HistoryCollector collector = new HistoryCollector(() -> List.of(safari),
                Map.of(HistoryFormat.SAFARI, new SafariHistoryReader()), HistoryCursors.open(home),
                account -> AccountKind.LEARNER, new SearchTerms(), home.historyScratch(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        long[] counts = new long[2];
        collector.collectAll(Duration.ofHours(1), new HistoryRecorder() {
            @Override
            public void visit(BrowserProfile profile, Visit visit) {
                counts[0]++;
            }

            @Override
            public void endOfBatch(BatchEnd batch) {
                counts[1] += batch.failures().size();
            }
        });
        System.out.println("visits " + counts[0] + " failures " + counts[1]);
    }
}
