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
    /**
     * Longest URL kept whole. Chromium keeps URLs up to 2 MB ({@code data:} URLs); the first 16 K characters say
     * where a child went, and a visit must fit in one outbox event. A cut URL ends with a marker saying so.
     */
    static final int MAX_URL_CHARS = 16 * 1024;
    static final int MAX_TEXT_CHARS = 2048;
    /** Bytes of visits per {@code history-visits} event, well under the outbox's 1 MiB event bound. */
    static final int BATCH_BYTES = 256 * 1024;

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
            List<Visit> visits = profile.visits().stream().map(HistoryCycle::bounded).toList();
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
                uploaded += recordAll(visits);
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

    /** Records the visits in events of at most {@link HistoryVisits#MAX_VISITS} visits and about BATCH_BYTES. */
    private int recordAll(List<Visit> visits) throws IOException {
        int from = 0;
        int recorded = 0;
        while (from < visits.size()) {
            int to = from;
            long bytes = 0;
            while (to < visits.size() && to - from < HistoryVisits.MAX_VISITS
                    && (to == from || bytes + estimatedBytes(visits.get(to)) <= BATCH_BYTES)) {
                bytes += estimatedBytes(visits.get(to));
                to++;
            }
            outbox.append(HistoryVisits.TYPE, json.valueToTree(new HistoryVisits(visits.subList(from, to))));
            recorded += to - from;
            from = to;
        }
        return recorded;
    }

    // UTF-8 takes at most 3 bytes a Java char here (surrogate pairs take 4 for 2); plus the JSON around the fields
    private static long estimatedBytes(Visit visit) {
        long chars = visit.url().length() + visit.title().length() + visit.browser().length()
                + visit.profile().length() + visit.account().length()
                + (visit.searchTerms() == null ? 0 : visit.searchTerms().length());
        return 3 * chars + 256;
    }

    static Visit bounded(Visit visit) {
        String url = visit.url();
        if (url.length() > MAX_URL_CHARS) {
            url = url.substring(0, MAX_URL_CHARS) + " [cut by Nestguard: " + url.length() + " characters]";
        }
        String title = cut(visit.title());
        String terms = visit.searchTerms() == null ? null : cut(visit.searchTerms());
        if (url.equals(visit.url()) && title.equals(visit.title()) && java.util.Objects.equals(terms,
                visit.searchTerms())) {
            return visit;
        }
        return new Visit(visit.time(), url, title, visit.browser(), visit.profile(), visit.account(),
                visit.accountKind(), visit.transition(), terms);
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + " [cut by Nestguard: "
                + text.length() + " characters]";
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
