package org.nestguard.agent.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.history.CanaryDiscovery;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.agent.history.ChromiumHistoryReader;
import org.nestguard.agent.history.FirefoxHistoryReader;
import org.nestguard.agent.history.HistoryCollector;
import org.nestguard.agent.history.HistoryCursors;
import org.nestguard.agent.history.HistoryFormat;
import org.nestguard.agent.history.HistoryReader;
import org.nestguard.agent.history.ProfileDiscovery;
import org.nestguard.agent.history.SafariHistoryReader;
import org.nestguard.agent.history.SearchTerms;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.protocol.policy.Policy;

/**
 * The service's history collection as the policy asks for it: nothing when the policy's monitoring has no
 * {@code history}, otherwise one {@link HistoryCycle} over every browser profile and the self-test canary, with
 * learners told from staff by the policy's learner rule and the classifier built from the bundled and imported
 * lists.
 */
public final class HistoryCollection implements AgentService.HistoryRunner {
    private final HistoryCycle cycle;
    private final AccountProbe accounts;
    private final Duration settle;

    private HistoryCollection(HistoryCycle cycle, AccountProbe accounts, Duration settle) {
        this.cycle = cycle;
        this.accounts = accounts;
        this.settle = settle;
    }

    /**
     * @param browsers the OS's profile discovery
     * @param canary   the self-test's canary history, read like a browser profile once it exists
     */
    public static HistoryCollection open(AgentHome home, ProfileDiscovery browsers, CanaryHistory canary,
                                         AccountProbe accounts, Outbox outbox, Clock clock) throws IOException {
        return open(home, browsers, canary, accounts, outbox, clock, HistoryCollector.DEFAULT_SETTLE);
    }

    /** As above, with the collector's settle time (tests use zero). */
    public static HistoryCollection open(AgentHome home, ProfileDiscovery browsers, CanaryHistory canary,
                                         AccountProbe accounts, Outbox outbox, Clock clock, Duration settle)
            throws IOException {
        HistoryCursors cursors = HistoryCursors.open(home);
        ProfileDiscovery discovery = new CanaryDiscovery(browsers, canary, System.getProperty("user.name", "agent"));
        Map<HistoryFormat, HistoryReader> readers = Map.of(
                HistoryFormat.CHROMIUM, new ChromiumHistoryReader(),
                HistoryFormat.FIREFOX, new FirefoxHistoryReader(),
                HistoryFormat.SAFARI, new SafariHistoryReader());
        SearchTerms queries = new SearchTerms();
        HistoryCycle cycle = new HistoryCycle(
                kinds -> new HistoryCollector(discovery, readers, cursors, kinds, queries, home.historyScratch(), clock,
                        settle),
                rule -> ListLibrary.load(home.lists()).classifierFor(rule), outbox, clock);
        return new HistoryCollection(cycle, accounts, settle);
    }

    @Override
    public Duration settle() {
        return settle;
    }

    @Override
    public Optional<HistorySummary> collect(Policy policy) throws IOException {
        if (policy.monitoring() == null || policy.monitoring().history() == null) {
            return Optional.empty(); // the agent collects what the policy says and no more
        }
        return Optional.of(cycle.run(policy.monitoring().history(),
                PolicyAccountKinds.read(policy.learners(), accounts)));
    }
}
