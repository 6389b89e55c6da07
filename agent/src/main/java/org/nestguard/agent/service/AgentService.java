package org.nestguard.agent.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.MonitoringRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.policy.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as a service: check cycles on the policy's schedule, history collections on the policy's
 * {@code monitoring.history.collectEvery} (only when the policy collects history), and check-ins with the console,
 * all spread with jitter. While the console cannot be reached it keeps checking and recording, backs off its check-ins and logs
 * once when that state changes, not once per attempt. A revoked device stops.
 */
public final class AgentService {
    private static final Logger LOG = LoggerFactory.getLogger(AgentService.class);
    // A bound on check-now commands answered within one --once run, so a console repeating them cannot loop it.
    private static final int MAX_ONCE_ROUNDS = 5;
    private static final Duration FILE_WATCH_LOOK = Duration.ofSeconds(3);

    /** One history collection under a policy. */
    public interface HistoryRunner {
        /** Collects, classifies and records; empty when the policy collects no history. */
        Optional<HistorySummary> collect(Policy policy) throws IOException;

        /**
         * How long after a visit is written a collection can see it: the collector leaves younger visits for the
         * next read, so collecting a self-test's canary sooner would find nothing.
         */
        Duration settle();
    }

    private final AgentHome home;
    private final CheckCycle cycle;
    private final HistoryRunner history;
    private final Uploader uploader;
    private final FileScanCycle fileScans;
    private final Jitter jitter;
    private final Clock clock;
    private final Backoff backoff = new Backoff();
    private final Object wake = new Object();
    private volatile boolean stopped;
    private Policy policy;
    private int policyVersion = -1;

    public AgentService(AgentHome home, CheckCycle cycle, HistoryRunner history, Uploader uploader, Jitter jitter,
                        Clock clock) {
        this(home, cycle, history, null, uploader, jitter, clock);
    }

    /** @param fileScans the file checks (rescans on {@code fileChecks.rescanEvery} and the watch), or null for none */
    public AgentService(AgentHome home, CheckCycle cycle, HistoryRunner history, FileScanCycle fileScans,
                        Uploader uploader, Jitter jitter, Clock clock) {
        this.fileScans = fileScans;
        this.home = home;
        this.cycle = cycle;
        this.history = history;
        this.uploader = uploader;
        this.jitter = jitter;
        this.clock = clock;
    }

    /**
     * One check cycle and one history collection, then check-ins until the outbox is empty or the console cannot
     * take more; a check-now or self-test command answered on the way is carried out before returning.
     */
    public UploadResult runOnce() throws IOException {
        runCycle();
        collectHistory();
        scanFiles();
        UploadResult result = uploader.upload();
        for (int round = 1; round < MAX_ONCE_ROUNDS && result.state() == UploadResult.State.SENT
                && (result.checkNow() || result.collectHistory()); round++) {
            if (result.checkNow()) {
                runCycle();
            }
            if (result.collectHistory()) {
                pauseUntil(clock.instant().plus(history.settle()).plusSeconds(1));
                collectHistory();
            }
            result = uploader.upload();
        }
        return result;
    }

    /** Runs until {@link #stop()} (result SENT) or until the console says the device is revoked (REVOKED). */
    public UploadResult run() throws IOException {
        Instant now = clock.instant();
        Instant nextCheck = now.plus(jitter.firstCycle());
        Instant nextCollect = now.plus(jitter.firstCycle());
        Instant nextCheckIn = now;
        Instant nextFileScan = now.plus(jitter.firstCycle());
        boolean online = true;
        LOG.info("Agent running from {}; first check cycle at {}", home.root(), nextCheck);
        while (!stopped) {
            now = clock.instant();
            if (!now.isBefore(nextCheck)) {
                runCycle();
                nextCheck = now.plus(jitter.spread(schedule().checkEvery()));
                nextCheckIn = now;
            }
            if (!now.isBefore(nextCollect)) {
                Optional<HistorySummary> collected = collectHistory();
                boolean more = collected.map(HistorySummary::more).orElse(false);
                nextCollect = more ? now : now.plus(jitter.spread(collectEvery()));
                if (collected.map(c -> c.flagged() + c.uploaded() + c.notices() > 0).orElse(false)) {
                    nextCheckIn = now; // a flag should not wait for the next routine check-in
                }
            }
            if (fileScans != null && (!now.isBefore(nextFileScan) || fileScans.rescanWanted())) {
                // On a thread of its own: a first scan of a large Pictures folder must not hold up check-ins.
                loadPolicy();
                fileScans.runInBackground(policy);
                nextFileScan = now.plus(jitter.spread(FileScanCycle.rescanEvery(policy)));
            }
            if (fileScans != null && fileScans.takeNewFlags() > 0) {
                nextCheckIn = now; // a file flagged by the watch should not wait for the next routine check-in
            }
            if (!now.isBefore(nextCheckIn)) {
                UploadResult result = uploader.upload();
                switch (result.state()) {
                    case REVOKED -> {
                        LOG.error("The console refused this device: {}. The agent stops.", result.message());
                        return result;
                    }
                    case SENT -> {
                        if (!online) {
                            LOG.info("The console is reachable again; recorded events have been sent");
                        }
                        online = true;
                        backoff.reset();
                        nextCheckIn = now.plus(jitter.spread(schedule().checkInEvery()));
                    }
                    default -> {
                        if (online) {
                            LOG.warn("Cannot check in: {}. The agent keeps checking and recording, and will try "
                                    + "again with growing pauses up to {}", result.message(),
                                    schedule().checkInEvery());
                        }
                        online = false;
                        nextCheckIn = now.plus(backoff.failed(schedule().checkInEvery()));
                    }
                }
                if (result.checkNow()) {
                    nextCheck = now;
                }
                if (result.collectHistory()) {
                    Instant canaryReadable = now.plus(history.settle()).plusSeconds(1);
                    nextCollect = canaryReadable.isBefore(nextCollect) ? canaryReadable : nextCollect;
                }
            }
            Instant next = earliest(nextCheck, nextCollect, nextCheckIn);
            if (fileScans != null) {
                // the watch may flag a file at any moment; look for that (and for a wanted rescan) every few seconds
                next = earliest(next, nextFileScan, now.plus(FILE_WATCH_LOOK));
            }
            pauseUntil(next);
        }
        LOG.info("Agent stopped");
        return UploadResult.sent(false, false, policyVersion);
    }

    /** Asks {@link #run()} to return after the step it is in; safe from a shutdown hook. */
    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void runCycle() throws IOException {
        loadPolicy();
        CycleSummary summary = cycle.run(policy, policyVersion);
        LOG.info("Check cycle: {} controls, {} pass, {} fail, {} unknown", summary.checked(), summary.passed(),
                summary.failed(), summary.unknown());
    }

    private Optional<org.nestguard.agent.files.ScanSummary> scanFiles() throws IOException {
        if (fileScans == null) {
            return Optional.empty();
        }
        loadPolicy();
        try {
            Optional<org.nestguard.agent.files.ScanSummary> summary = fileScans.run(policy);
            summary.ifPresent(s -> LOG.info("File checks: {} folders, {} files, {} hashed, {} flagged, {} problems",
                    s.folders(), s.files(), s.hashed(), s.flagged(), s.problems().size()));
            return summary;
        } catch (IOException e) {
            // As with history: the checks go on; the next rescan finds whatever this one could not record.
            LOG.error("File scan failed: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<HistorySummary> collectHistory() throws IOException {
        loadPolicy();
        Optional<HistorySummary> summary;
        try {
            summary = history.collect(policy);
        } catch (IOException e) {
            // A collection that cannot run (no profile folder readable, outbox full of undroppable events) must not
            // stop the checks; the error says what failed and the next collection tries again.
            LOG.error("History collection failed: {}", e.getMessage());
            return Optional.empty();
        }
        summary.ifPresent(s -> LOG.info("History: {} profiles, {} new visits, {} flagged, {} notices, {} unreadable",
                s.profiles(), s.visits(), s.flagged(), s.notices(), s.failures()));
        return summary;
    }

    private Duration collectEvery() throws IOException {
        loadPolicy();
        MonitoringRule monitoring = policy.monitoring();
        return monitoring == null || monitoring.history() == null ? HistoryRule.DEFAULT_COLLECT_EVERY
                : monitoring.history().collectEvery();
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant first = a.isBefore(b) ? a : b;
        return first.isBefore(c) ? first : c;
    }

    private Schedule schedule() throws IOException {
        loadPolicy();
        return policy.schedule() == null ? Schedule.DEFAULT : policy.schedule();
    }

    /** Reloads the stored policy when an update-policy command has changed its version. */
    private void loadPolicy() throws IOException {
        int stored = home.readPolicyVersion();
        if (policy != null && stored == policyVersion) {
            return;
        }
        try {
            policy = new PolicyLoader().parse(home.policyYaml().toString(), home.readPolicyYaml());
            policyVersion = stored;
        } catch (PolicyException e) {
            if (policy == null) {
                throw new IOException("the stored policy " + home.policyYaml() + " does not load: " + e.getMessage()
                        + "; enrol again or wait for the console to send a valid one", e);
            }
            LOG.error("The stored policy version {} does not load ({}); keeping version {}", stored, e.getMessage(),
                    policyVersion);
        }
    }

    private void pauseUntil(Instant when) {
        long millis = Duration.between(clock.instant(), when).toMillis();
        if (millis <= 0) {
            return;
        }
        synchronized (wake) {
            try {
                if (!stopped) {
                    wake.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }
}
