package org.nestguard.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.nestguard.agent.classify.VisitClassifier;
import org.nestguard.agent.history.AccountKinds;
import org.nestguard.agent.history.Harvest;
import org.nestguard.agent.history.HistoryCollector;
import org.nestguard.agent.history.ProfileHarvest;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One history collection: new visits of every profile classified, flags (with the visits around them) and, when
 * the policy uploads all history, every visit recorded in the outbox, and notices about profiles; then the
 * cursors move past what was recorded. A crash before the cursors move reads the same visits again.
 */
public final class HistoryCycle {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryCycle.class);

    private final Function<AccountKinds, HistoryCollector> collectors;
    private final ClassifierSource classifiers;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();
    // The last visits of each profile, so a flag on the first visit of a collection still has visits before it.
    private final Map<String, Deque<Visit>> recent = new HashMap<>();
    private HistoryRule classifierRule;
    private VisitClassifier classifier;

    /** Builds the classifier for a policy's history rule. */
    public interface ClassifierSource {
        VisitClassifier forRule(HistoryRule rule) throws IOException;
    }

    /**
     * @param collectors  makes the collector for one collection, with the account kinds of that moment
     * @param classifiers builds the classifier for a policy's history rule (rebuilt only when the rule changes)
     */
    public HistoryCycle(Function<AccountKinds, HistoryCollector> collectors, ClassifierSource classifiers,
                        Outbox outbox, Clock clock) {
        this.collectors = collectors;
        this.classifiers = classifiers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Collects, classifies and records; when this returns, everything collected is on disk and the cursors moved. */
    public HistorySummary run(HistoryRule rule, AccountKinds kinds) throws IOException {
        Instant started = clock.instant();
        HistoryCollector collector = collectors.apply(kinds);
        VisitClassifier classify = classifierFor(rule);
        Harvest harvest = collector.collect();
        int flagged = 0;
        int uploaded = 0;
        for (ProfileHarvest profile : harvest.profiles()) {
            List<Visit> visits = profile.visits();
            Deque<Visit> earlier = recent.computeIfAbsent(profile.profile().key(), k -> new ArrayDeque<>());
            for (int i = 0; i < visits.size(); i++) {
                Visit visit = visits.get(i);
                List<Flag> flags = classify.classify(visit);
                if (!flags.isEmpty()) {
                    FlagRaised raised = new FlagRaised(UUID.randomUUID().toString(), visit, flags,
                            before(earlier, visits, i), after(visits, i), SelfTest.idIn(visit.url()));
                    outbox.append(FlagRaised.TYPE, json.valueToTree(raised));
                    flagged++;
                }
            }
            if (rule.upload() == HistoryRule.Upload.ALL) {
                for (int from = 0; from < visits.size(); from += HistoryVisits.MAX_VISITS) {
                    List<Visit> batch = visits.subList(from, Math.min(visits.size(), from + HistoryVisits.MAX_VISITS));
                    outbox.append(HistoryVisits.TYPE, json.valueToTree(new HistoryVisits(batch)));
                    uploaded += batch.size();
                }
            }
            remember(earlier, visits);
        }
        for (HistoryNotice notice : harvest.notices()) {
            outbox.append(HistoryNotice.TYPE, json.valueToTree(notice));
        }
        for (HistoryNotice failure : harvest.failures()) {
            LOG.warn("History of {} profile '{}' of {} not read: {}", failure.browser(), failure.profile(),
                    failure.account(), failure.detail());
        }
        collector.commit(harvest);
        return new HistorySummary(started, clock.instant(), harvest.profiles().size(), harvest.visitCount(),
                flagged, uploaded, harvest.notices().size(), harvest.failures().size(), harvest.more());
    }

    private VisitClassifier classifierFor(HistoryRule rule) throws IOException {
        if (classifier == null || !rule.equals(classifierRule)) {
            classifier = classifiers.forRule(rule);
            classifierRule = rule;
        }
        return classifier;
    }

    private static List<Visit> before(Deque<Visit> earlier, List<Visit> visits, int index) {
        List<Visit> context = new ArrayList<>(FlagRaised.CONTEXT);
        int fromHere = Math.min(index, FlagRaised.CONTEXT);
        int fromEarlier = FlagRaised.CONTEXT - fromHere;
        if (fromEarlier > 0) {
            List<Visit> older = new ArrayList<>(earlier);
            context.addAll(older.subList(Math.max(0, older.size() - fromEarlier), older.size()));
        }
        context.addAll(visits.subList(index - fromHere, index));
        return context;
    }

    private static List<Visit> after(List<Visit> visits, int index) {
        return visits.subList(index + 1, Math.min(visits.size(), index + 1 + FlagRaised.CONTEXT));
    }

    private static void remember(Deque<Visit> earlier, List<Visit> visits) {
        for (Visit visit : visits.subList(Math.max(0, visits.size() - FlagRaised.CONTEXT), visits.size())) {
            earlier.addLast(visit);
            if (earlier.size() > FlagRaised.CONTEXT) {
                earlier.removeFirst();
            }
        }
    }
}
