package org.nestguard.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
import org.nestguard.agent.history.BatchEnd;
import org.nestguard.agent.history.BrowserProfile;
import org.nestguard.agent.history.HistoryRecorder;
import org.nestguard.agent.history.PipelinedRecorder;
import org.nestguard.agent.history.HistoryCollector;
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
    /** A collection stops starting new batches after this; the service then collects again at once. */
    static final Duration TIME_LIMIT = Duration.ofMinutes(2);
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
        VisitClassifier classify = classifierFor(rule);
        HistoryCollector collector = collectors.apply(kinds);
        Recorder recorder = new Recorder(rule, classify);
        // One copy per profile, read batch after batch: a catch-up of a large history streams through the
        // classifier instead of copying the database once per batch, the classifier on a second thread beside the
        // reading. The recorder's counts are read once the pipeline has closed (its thread joined).
        boolean more;
        try (PipelinedRecorder pipeline = new PipelinedRecorder(recorder, "nestguard-history-classifier")) {
            more = collector.collectAll(TIME_LIMIT, pipeline);
        }
        return new HistorySummary(started, clock.instant(), recorder.profiles.size(), recorder.visits,
                recorder.flagged, recorder.uploaded, recorder.notices, recorder.failures, more);
    }

    /**
     * Takes the collector's visits one at a time: classifies each, keeps a flag open until the five visits after
     * it have arrived (or the batch ends), and gathers visits for upload into events of bounded size.
     */
    private final class Recorder implements HistoryRecorder {
        private final HistoryRule rule;
        private final VisitClassifier classify;
        private final Map<String, List<OpenFlag>> open = new HashMap<>();
        private final Map<String, List<Visit>> toUpload = new HashMap<>();
        private final java.util.Set<String> profiles = new java.util.HashSet<>();
        private int visits;
        private int flagged;
        private int uploaded;
        private int notices;
        private int failures;

        Recorder(HistoryRule rule, VisitClassifier classify) {
            this.rule = rule;
            this.classify = classify;
        }

        @Override
        public void visit(BrowserProfile profile, Visit visit) throws IOException {
            // the readers cut long texts (TextCut), so a visit always fits an event
            String key = profile.key();
            profiles.add(key);
            visits++;
            List<OpenFlag> waiting = open.computeIfAbsent(key, k -> new ArrayList<>());
            for (java.util.Iterator<OpenFlag> it = waiting.iterator(); it.hasNext(); ) {
                OpenFlag flag = it.next();
                flag.after.add(visit);
                if (flag.after.size() == FlagRaised.CONTEXT) {
                    record(flag);
                    it.remove();
                }
            }
            Deque<Visit> earlier = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
            List<Flag> flags = classify.classify(visit);
            if (!flags.isEmpty()) {
                waiting.add(new OpenFlag(visit, flags, new ArrayList<>(earlier)));
            }
            earlier.addLast(visit);
            if (earlier.size() > FlagRaised.CONTEXT) {
                earlier.removeFirst();
            }
            if (rule.upload() == HistoryRule.Upload.ALL) {
                List<Visit> batch = toUpload.computeIfAbsent(key, k -> new ArrayList<>());
                batch.add(visit);
                if (batch.size() >= HistoryVisits.MAX_VISITS || bytesOf(batch) >= BATCH_BYTES) {
                    uploaded += recordAll(batch);
                    batch.clear();
                }
            }
        }

        @Override
        public void endOfBatch(BatchEnd batch) throws IOException {
            for (List<OpenFlag> waiting : open.values()) {
                for (OpenFlag flag : waiting) {
                    record(flag); // the visits after it that this batch had; a later batch's are not waited for
                }
                waiting.clear();
            }
            for (List<Visit> pending : toUpload.values()) {
                uploaded += recordAll(pending);
                pending.clear();
            }
            for (HistoryNotice notice : batch.notices()) {
                outbox.append(HistoryNotice.TYPE, json.valueToTree(notice));
                notices++;
            }
            for (HistoryNotice failure : batch.failures()) {
                LOG.warn("History of {} profile '{}' of {} not read: {}", failure.browser(), failure.profile(),
                        failure.account(), failure.detail());
            }
            failures += batch.failures().size();
            batch.profiles().forEach(p -> profiles.add(p.key()));
        }

        private void record(OpenFlag flag) throws IOException {
            FlagRaised raised = new FlagRaised(UUID.randomUUID().toString(), flag.visit, flag.flags, flag.before,
                    flag.after, SelfTest.idIn(flag.visit.url()));
            outbox.append(FlagRaised.TYPE, json.valueToTree(raised));
            flagged++;
        }
    }

    /** A flagged visit waiting for the visits after it. */
    private static final class OpenFlag {
        final Visit visit;
        final List<Flag> flags;
        final List<Visit> before;
        final List<Visit> after = new ArrayList<>(FlagRaised.CONTEXT);

        OpenFlag(Visit visit, List<Flag> flags, List<Visit> before) {
            this.visit = visit;
            this.flags = flags;
            this.before = before;
        }
    }

    private static long bytesOf(List<Visit> visits) {
        long bytes = 0;
        for (Visit visit : visits) {
            bytes += estimatedBytes(visit);
        }
        return bytes;
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

    private VisitClassifier classifierFor(HistoryRule rule) throws IOException {
        if (classifier == null || !rule.equals(classifierRule)) {
            classifier = classifiers.forRule(rule);
            classifierRule = rule;
        }
        return classifier;
    }

}
